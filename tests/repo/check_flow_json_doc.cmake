# docs/flow-json.md shows the seed tutorial's inbound flow as flowc writes it; fail when the
# golden output changed and the doc still shows the old one.
file(READ "${SOURCE_DIR}/docs/flow-json.md" doc)
file(READ "${SOURCE_DIR}/tests/golden/seed_tutorial/expected/InboundReuseSharedIvr.json" golden)
string(STRIP "${golden}" golden)
string(FIND "${doc}" "${golden}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "docs/flow-json.md does not show the current "
                      "tests/golden/seed_tutorial/expected/InboundReuseSharedIvr.json; update it")
endif()
