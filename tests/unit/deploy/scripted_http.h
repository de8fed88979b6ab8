// An HttpClient that answers from a script, in order, and records what it was sent: for
// units of the platform calls without a server (tests/deploy/ has the real-HTTP ones).
#pragma once

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "deploy/http.h"

namespace flowc::deploy {

class ScriptedHttp : public HttpClient {
  public:
    void Answer(long status, std::string body) {
        HttpResponse response;
        response.status = status;
        response.body = std::move(body);
        answers_.push_back(std::move(response));
    }
    HttpResponse Send(const HttpRequest& request) override {
        sent.push_back(request);
        urls.push_back(request.url);
        if (answers_.empty()) {
            ADD_FAILURE() << "unexpected request " << request.method << " " << request.url;
            return HttpResponse{TransportError::kOther, "no answer scripted", 0, {}, "", 0};
        }
        HttpResponse response = std::move(answers_.front());
        answers_.pop_front();
        return response;
    }
    std::vector<HttpRequest> sent;
    std::vector<std::string> urls;

  private:
    std::deque<HttpResponse> answers_;
};

}  // namespace flowc::deploy
