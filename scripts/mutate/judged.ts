/**
 * Generated mutants judged by hand, by their stable id (scripts/mutate/generate.ts). A survivor
 * counts as equivalent only when it is listed in EQUIVALENTS with the reason no input can tell it
 * from the original; a survivor that does change behaviour but is left standing is listed in
 * SURVIVORS with the reason. Both reasons go into docs/mutation-report.json. How to judge one:
 * docs/mutation-testing.md. `test/scripts/mutation-catalog.test.ts` checks that every id here
 * still names a mutant the generator makes, so a judgment cannot outlive the code it was about.
 */

export const EQUIVALENTS: Readonly<Record<string, string>> = {
  'common/lossless-json:quoteLongIntegers:EqualityOperator:b634765f':
    "the loop index never passes the text's length, so the one extra pass at the end reads an empty character and appends nothing",
  'goto/client:isSuccess:ConditionalExpression:0a3f144f':
    'a network error has no status, and `undefined >= 200` is false, so forcing the kind check true changes nothing',
  'goto/failures:errorDetail:ConditionalExpression:cd7ac5e2':
    'only answers that arrived reach this function (a network error returns earlier), so the kind check is always true here',
  'goto/get-user:withLicenses:ConditionalExpression:1ed415e0':
    'it only adds an undefined `status` to the user read, which reads as no status wherever a user is used or shown',
  'goto/transport:createTransport.send:ConditionalExpression:694d610c':
    'no request is ever sent after the run ended: each request follows the previous answer, every end is final and nothing catches and sends on; a late answer is already dropped where it arrives',
  'goto/transport:retryAfterSeconds:ConditionalExpression:fca022e1':
    'the header reader returns strings only; a blank one fails the digits test and parses as an invalid date, so no Retry-After is read either way',
  'goto/transport:retryDelay:ConditionalExpression:b1aa49ae':
    'the guard only copies an optional Retry-After into the wait plan; forced true it copies undefined when there is none, which the wait reads exactly as no Retry-After',
  'host/context:describeChar:EqualityOperator:3d364267':
    '`<` and `<=` differ only for a space, which the whitespace test just before has already named',
  'host/context:readContext:ConditionalExpression:3b7e75cd':
    'when the OAuth field is unusable its reader returns the error text, and `access_token` of a string is undefined, so the token read stays empty either way',
  'workflows/notify:originOf:StringLiteral:cc9f38c3':
    'every webhook URL has passed the URL rule, whose shape requires the `scheme://host` prefix this match reads, so the fallback is never returned',
  'workflows/notify:sendNotification.finish:ConditionalExpression:f42d6f37':
    'no webhook answer has a status below 200: HTTP clients treat 1xx as interim, never as the answer',
  'workflows/run:runWorkflow.end:ConditionalExpression:9a5fb40e':
    'the notice body is missing only if building it throws, and it never does: it joins strings, booleans and lists the run made itself',
};

export const SURVIVORS: Readonly<Record<string, string>> = {};
