// Grammar of the flow language (../shared/spec/LANGUAGE.md).
//
// Conventions (cel-cpp's Cel.g4): every alternative the AST builder distinguishes is
// `# Named`, and every child the builder reads is `label=`ed, so the builder uses typed
// accessors instead of positional ones. Comments and whitespace go to hidden channels (a
// formatter will need them); `///` doc comments go to their own channel so the builder can
// attach them to the flow below them.
grammar Flow;

// ---------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------

file
    : items+=topLevel* EOF
    ;

// Imports belong at the top; accepting them anywhere lets the builder say so precisely
// instead of reporting a confusing syntax error.
topLevel
    : importDecl
    | flowDecl
    | dataActionDecl
    | resourceDecl
    ;

importDecl
    : IMPORT path=STRING_LIT SEMI
    ;

// `inqueue` (v2) is a name, not a keyword (a variable called `inqueue` keeps working): the
// builder reads `kindName`'s text.
flowDecl
    : attrs+=attribute* (kind=(SHARED | INBOUND) | kindName=name) FLOW flowName=name
      params=paramList? outputs=outputList? (body=block | external=SEMI)
    ;

// `data action LookupCustomer(phone: string) -> <id: string>;` (v2). `data` and `action` are
// names, not keywords (a variable called `data` or `action` keeps working): the builder
// reads their text. A body parses, so that the checker can say a data action has none.
dataActionDecl
    : attrs+=attribute* dataWord=name actionWord=name actionName=name
      params=paramList? outputs=outputList? (body=block | external=SEMI)
    ;

// `queue Sales = "Sales";` (v2 org resources). The kind is a name, not a keyword: `queue`,
// `schedule`, `skill` ... stay names everywhere else; the builder reads the kind's text.
resourceDecl
    : attrs+=attribute* kind=name resName=name ASSIGN platformName=STRING_LIT SEMI
    ;

attribute
    : AT attrName=name (LPAREN (args+=attributeArg (COMMA args+=attributeArg)*)? RPAREN)?
    ;

// `@language("es-us", voice: "Lupe")`: an argument may be named (v2).
attributeArg
    : (argName=name COLON)? value=expr
    ;

paramList
    : LPAREN (items+=param (COMMA items+=param)*)? RPAREN
    ;

// `secure string` (v2): `secure` is a name, read by the builder (a variable called `secure`
// keeps working).
param
    : paramName=name COLON (modifier=name)? type=name (ASSIGN defaultValue=expr)?
    ;

outputList
    : THIN_ARROW LT items+=output (COMMA items+=output)* GT
    ;

output
    : outputName=name COLON (modifier=name)? type=name
    ;

block
    : LBRACE stmts+=statement* RBRACE
    ;

// Statements come in two kinds, as in C's grammar (closed and open statements), because of
// the dangling `else`. A data action call's `timeout` arm may be a single statement followed
// by the call's `else`: were that arm a `statement`, `else` would follow statements, and every
// `if ... else` of a program would be a conflict that SLL prediction hands to full-context
// prediction (tests/unit/syntax/grammar_health_test.cpp counts those). So the arm is a
// `timeoutArm`, whose `else` follows only `closedStatement`s and the closed (`;`) forms of
// transfers, word statements and calls, none of which ends in an optional part.
statement
    : closed=closedStatement                                                # ClosedStmt
    | IF conds+=expr thens+=block (ELSE IF conds+=expr thens+=block)*
      (ELSE otherwise=block)?                                               # IfStmt
    | head=transferHead (SEMI | ELSE otherwise=statement)                   # TransferStmt
    | head=wordHead (SEMI | ELSE otherwise=statement)                       # WordStmt
    // v2: a data action call ends in `[timeout S] else S`; `timeout` is a name, read by the
    // builder (a variable called `timeout` keeps working).
    | head=callHead
      (SEMI | timeoutWord=name onTimeout=timeoutArm (ELSE otherwise=statement)?
           | ELSE otherwise=statement)                                      # CallStmt
    ;

// The statements that end in `;` or `}` whatever follows them.
closedStatement
    : VAR varName=name (COLON (modifier=name)? type=name)? (ASSIGN init=expr)? SEMI # VarStmt
    | CONTACT DOT scope=name DOT key=name ASSIGN value=expr SEMI             # SetAttributeStmt
    | target=name ASSIGN value=expr SEMI                                    # AssignStmt
    | PLAY value=expr SEMI                                                  # PlayStmt
    // `collect secure x ...` (v2): `secure` is a name here too, read by the builder.
    | COLLECT (modifier=name)? target=name PROMPT prompt=expr DIGITS (least=INT_LIT DOTDOT)? count=INT_LIT SEMI # CollectStmt
    | MENU prompt=expr LBRACE arms+=menuArm* RBRACE                         # MenuStmt
    | SWITCH subject=expr LBRACE arms+=switchArm* RBRACE                    # SwitchStmt
    | REPEAT count=expr body=block                                          # RepeatStmt
    | BREAK SEMI                                                            # BreakStmt
    | HOURS group=expr (emergencyWord=name emergency=expr)?
      LBRACE arms+=hoursArm* RBRACE                                         # HoursStmt
    | HANGUP SEMI                                                           # HangupStmt
    | RETURN SEMI                                                           # ReturnStmt
    | block                                                                 # BlockStmt
    ;

// A `timeout` arm: a closed statement. A statement that takes its own `else` (`if`, `transfer
// Q else S`, `callback ... else S`, a data action call) is ambiguous there (whose is the
// `else` after it?): it parses, binding the nearest `else` as C does, so that the builder can
// say to put it in a block (E0130). Those alternatives end in optional parts, but only
// programs with that error ever predict past them.
timeoutArm
    : closed=closedStatement                                                # ClosedArm
    | head=transferHead (SEMI | ELSE otherwise=timeoutArm)                  # TransferArm
    | head=wordHead (SEMI | ELSE otherwise=timeoutArm)                      # WordArm
    | head=callHead
      (SEMI | timeoutWord=name onTimeout=timeoutArm (ELSE otherwise=timeoutArm)?
           | ELSE otherwise=timeoutArm)                                     # CallArm
    | IF conds+=expr thens+=block (ELSE IF conds+=expr thens+=block)*
      (ELSE otherwise=block)?                                               # IfArm
    ;

// `transfer Q`, `transfer number e`, `transfer voicemail Q`, `transfer flow F`, each with
// options, then `;` or `else S`. `number`, `voicemail` and the option words (`priority`,
// `skills`, `language`, `via`) are names, not keywords (a variable called `number` is
// natural): the AST builder reads their text. `target=expr` comes before `kind=name
// target=expr` so that `transfer queue(name)`, which both match, is a queue found by name.
transferHead
    : TRANSFER (FLOW flowTarget=expr | target=expr | kind=name target=expr) options+=clause*
    ;

// `language "es-us";`, `hold 30;`, `callback Q number e [name e] [else S]` (v2): the word and
// the clause words are names (a variable called `language` or `hold` is natural), read by the
// builder, which also refuses a statement word it does not know.
wordHead
    : word=name subject=expr clauses+=clause*
    ;

callHead
    : CALL callee=name LPAREN (args+=argument (COMMA args+=argument)*)? RPAREN
      (THIN_ARROW LT binds+=binding (COMMA binds+=binding)* GT)?
    ;

menuArm
    : label=STRING_LIT FAT_ARROW body=statement                             # MenuChoiceArm
    | ELSE FAT_ARROW body=statement                                         # MenuElseArm
    ;

switchArm
    : CASE values+=literal (COMMA values+=literal)* FAT_ARROW body=statement   # SwitchCaseArm
    | DEFAULT FAT_ARROW body=statement                                      # SwitchDefaultArm
    ;

clause
    : option=name values+=expr (COMMA values+=expr)*
    ;

// `open`, `closed`, `holiday` and `emergency` are names; the builder reads them.
hoursArm
    : label=name FAT_ARROW body=statement                                   # HoursOutcomeArm
    | ELSE FAT_ARROW body=statement                                         # HoursElseArm
    ;

argument
    : paramName=name ASSIGN value=expr
    ;

// `-> <x = out>` binds output `out` to local `x`; `-> <out>` is short for `-> <out = out>`.
binding
    : local=name (ASSIGN outputName=name)?
    ;

// Precedence from tightest to loosest, as in C: unary, * /, + -, < <= > >=, == !=, &&, ||.
expr
    : primary                                                # PrimaryExpr
    | op=(BANG | MINUS) operand=expr                         # UnaryExpr
    | lhs=expr op=(STAR | SLASH) rhs=expr                    # BinaryExpr
    | lhs=expr op=(PLUS | MINUS) rhs=expr                    # BinaryExpr
    | lhs=expr op=(LT | LE | GT | GE) rhs=expr               # BinaryExpr
    | lhs=expr op=(EQ | NE) rhs=expr                         # BinaryExpr
    | lhs=expr op=AND rhs=expr                               # BinaryExpr
    | lhs=expr op=OR rhs=expr                                # BinaryExpr
    // `c ? a : b` (v2): the loosest, right-associative (`a ? b : c ? d : e` is
    // `a ? b : (c ? d : e)`).
    | <assoc=right> condition=expr QUESTION whenTrue=expr COLON whenFalse=expr  # ConditionalExpr
    ;

primary
    : value=STRING_LIT                                       # StringLiteral
    | value=INT_LIT                                          # IntLiteral
    | value=DECIMAL_LIT                                      # DecimalLiteral
    | value=(TRUE | FALSE)                                   # BoolLiteral
    | CALL DOT property=name                                 # CallProperty
    | CONTACT DOT scope=name DOT key=name                    # ContactAttribute
    | function=name LPAREN (args+=expr (COMMA args+=expr)*)? RPAREN   # FunctionCall
    | ref=name                                               # NameRef
    | LPAREN inner=expr RPAREN                               # ParenExpr
    ;

// `switch` labels: literals of the subject's type, negative numbers included.
literal
    : neg=MINUS? value=(INT_LIT | DECIMAL_LIT)
    | value=(STRING_LIT | TRUE | FALSE)
    ;

// `prompt` and `digits` are keywords only inside `collect`, `hours` only where its statement
// starts; elsewhere they are names (a variable called `digits` is natural in an IVR).
name
    : IDENT
    | PROMPT
    | DIGITS
    | HOURS
    ;

// ---------------------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------------------

IMPORT   : 'import';
SHARED   : 'shared';
INBOUND  : 'inbound';
FLOW     : 'flow';
VAR      : 'var';
PLAY     : 'play';
COLLECT  : 'collect';
PROMPT   : 'prompt';
DIGITS   : 'digits';
MENU     : 'menu';
IF       : 'if';
ELSE     : 'else';
SWITCH   : 'switch';
CASE     : 'case';
DEFAULT  : 'default';
REPEAT   : 'repeat';
BREAK    : 'break';
CALL     : 'call';
CONTACT  : 'contact';
TRANSFER : 'transfer';
HANGUP   : 'hangup';
RETURN   : 'return';
HOURS    : 'hours';
TRUE     : 'true';
FALSE    : 'false';

THIN_ARROW : '->';
FAT_ARROW  : '=>';
EQ     : '==';
NE     : '!=';
LE     : '<=';
GE     : '>=';
AND    : '&&';
OR     : '||';
LT     : '<';
GT     : '>';
ASSIGN : '=';
BANG   : '!';
PLUS   : '+';
MINUS  : '-';
STAR   : '*';
SLASH  : '/';
QUESTION : '?';
LPAREN : '(';
RPAREN : ')';
LBRACE : '{';
RBRACE : '}';
COMMA  : ',';
SEMI   : ';';
COLON  : ':';
DOTDOT : '..';
DOT    : '.';
AT     : '@';

DECIMAL_LIT : DIGIT+ '.' DIGIT+;
INT_LIT     : DIGIT+;
IDENT       : [a-zA-Z_] [a-zA-Z_0-9]*;
// A name with letters outside ASCII ("café"): one error token, reported and then parsed as a
// name, instead of a stray character splitting it in two. Listed after IDENT so that an
// ASCII name of the same length stays an IDENT. The letters are those of the common scripts
// (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari, Thai, kana, CJK, Hangul)
// with combining marks, not all of \p{L}: ANTLR 4.9 builds Unicode classes of a thousand
// ranges at start-up in quadratic time, which cost every run of flowc about 15 ms. A letter
// of another script is still an error, reported as an unexpected character.
NON_ASCII_IDENT : ([a-zA-Z_] | NON_ASCII_LETTER) ([a-zA-Z_0-9\u0300-\u036F] | NON_ASCII_LETTER)*;

// Escapes are validated by the AST builder, which can point at the bad one.
STRING_LIT  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';

// Error tokens: the lexer never fails. The parse layer reports these with a precise message
// and then hands the parser a repaired token stream, so one typo gives one error.
UNTERMINATED_STRING  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'?;
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;

DOC_COMMENT   : '///' ~[\r\n]* -> channel(2);
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
WS            : [ \t\r\n\f]+ -> channel(HIDDEN);

UNKNOWN_CHAR : .;

fragment DIGIT : [0-9];
fragment NON_ASCII_LETTER
    : [\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02AF\u0370-\u0373\u0376-\u037D\u0386\u0388-\u03FF\u0400-\u0481\u048A-\u052F\u0531-\u0556\u0561-\u0587\u05D0-\u05EA\u0620-\u064A\u0904-\u0939\u0E01-\u0E30\u1E00-\u1FBC\u3041-\u3096\u30A1-\u30FA\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3]
    ;
