// GoToMeeting de-provisioning for Matrix42 MyWorkspace, version 2.0.1
//
// Paste this whole file into the MyWorkspace workflow editor, on the workflow for
// "User unassigned from Application" of each GoToMeeting license-tier app. It uses
// only the host's context, rest and done, and ends by calling done(context) once with
// context.ProvisioningResult set. Built from TypeScript sources.
//
// To tailor it, change only values in GOTO_OPTIONS below: the script checks them
// when it runs and fails with "invalid-options" on a wrong one (README, "Tailoring
// without Node", lists the values).
//
// SHA-256 of the code, every line after "// END OF OPTIONS" (to check a copy, see
// docs/command-line.md, "Checking a paste"):
//   21969caf644818a2c573a6d17ff0fdec41a539960e09cbbf9c1a96a9c0c5b199
var GOTO_OPTIONS = {
  // What unassigning a user does: "remove-licenses" (default) takes back this app's licenses; "delete" deletes the GoTo user, their meetings and recordings.
  deprovisionMode: "remove-licenses",
  // Retries of one request after a 502, 503, 504 or no answer: a whole number from 0 to 10 (default 3).
  maxRetries: 3,
  // Seconds one run may wait in all between retries; a 429 is retried while they last: 0 to 600 (default 180).
  retryBudgetSeconds: 240,
  // true: make only the read calls and report the writes it would make, changing nothing; false (default): act.
  dryRun: false,
  // The GoTo Admin API: an https URL without query or fragment (default "https://api.getgo.com/admin/rest/v1").
  apiBaseUrl: "https://api.getgo.com/admin/rest/v1",
  // The GoTo account to act in, digits in quotes such as "1000000000000000001"; null (default): the connection's account_key, else GET /me.
  accountKey: null,
  // Where a run is posted when it ends (README, "Hearing about failures"): a webhook's https URL in quotes, query included; null (default): nowhere.
  notifyUrl: null,
  // Which runs are posted: "failures" (default), or "all".
  notifyOn: "failures",
  // The posted body: "json" (default, the result's fields), "text" (Slack, Google Chat, Mattermost) or "teams" (a Teams workflow's Adaptive Card).
  notifyFormat: "json",
};
// END OF OPTIONS
(function () {
"use strict";

(function () {
  // build-info:virtual:build-info
  var version = "2.0.1";

  // src/common/values.ts
  var PLAIN_TOKEN = /^[A-Za-z0-9]+$/;
  var MAX_SAFE_INTEGER = 9007199254740991;
  function isSafeInteger(value) {
    return Math.floor(value) === value && Math.abs(value) <= MAX_SAFE_INTEGER;
  }
  function keyText(value) {
    if (typeof value === "number") {
      return isSafeInteger(value) && value >= 0 ? String(value) : void 0;
    }
    return typeof value === "string" && PLAIN_TOKEN.test(value) ? value : void 0;
  }
  function isRecord(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  }
  function accountKeyText(value) {
    var key = keyText(value);
    return key !== void 0 && /^\d+$/.test(key) ? key : void 0;
  }

  // src/common/lossless-json.ts
  var AT_RISK_DIGITS = 16;
  function parseJsonLossless(text) {
    return JSON.parse(quoteLongIntegers(text));
  }
  function quoteLongIntegers(text) {
    var out = "";
    var i = 0;
    while (i < text.length) {
      var ch = text.charAt(i);
      if (ch === '"') {
        var end = endOfString(text, i);
        out += text.slice(i, end);
        i = end;
      } else if (ch === "-" || isDigit(ch)) {
        var _end = endOfNumber(text, i);
        var literal = text.slice(i, _end);
        out += /^-?\d+$/.test(literal) && literal.replace("-", "").length >= AT_RISK_DIGITS ? "\"" + literal + "\"" : literal;
        i = _end;
      } else {
        out += ch;
        i += 1;
      }
    }
    return out;
  }
  function endOfString(text, start) {
    var i = start + 1;
    while (i < text.length) {
      var ch = text.charAt(i);
      if (ch === "\\") i += 2;else if (ch === '"') return i + 1;else i += 1;
    }
    return text.length;
  }
  function endOfNumber(text, start) {
    var i = start + 1;
    while (i < text.length && /[0-9eE.+-]/.test(text.charAt(i))) i += 1;
    return i;
  }
  function isDigit(ch) {
    return ch >= "0" && ch <= "9";
  }

  // src/goto/backoff.ts
  var TIERS = [{
    after: 0,
    ceilingMs: 1e3,
    floorShare: 0
  }, {
    after: 1,
    ceilingMs: 3e3,
    floorShare: 0
  }, {
    after: 2,
    ceilingMs: 9e3,
    floorShare: 0
  }, {
    after: 3,
    ceilingMs: 12e3,
    floorShare: 0.5
  }, {
    after: 8,
    ceilingMs: 6e4,
    floorShare: 0.25
  }, {
    after: 11,
    ceilingMs: 12e4,
    floorShare: 0.25
  }];
  var MIN_WAIT_MS = 100;
  function tierAfter(retries) {
    for (var i = TIERS.length - 1; i > 0; i -= 1) {
      if (retries >= TIERS[i].after) return TIERS[i];
    }
    return TIERS[0];
  }
  function nextWait(plan) {
    var random = arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : Math.random;
    var remaining = plan.budgetMs - plan.waitedMs;
    var floor = plan.retryAfterSeconds === void 0 ? 0 : plan.retryAfterSeconds * 1e3;
    if (floor > remaining) return {
      kind: "give-up",
      retryAfterTooLong: true
    };
    if (remaining < MIN_WAIT_MS) return {
      kind: "give-up",
      retryAfterTooLong: false
    };
    var tier = tierAfter(plan.retries);
    var low = Math.max(MIN_WAIT_MS, tier.ceilingMs * tier.floorShare);
    var jittered = low + Math.floor(random() * (tier.ceilingMs - low));
    return {
      kind: "wait",
      ms: Math.min(remaining, Math.max(floor, jittered))
    };
  }

  // src/goto/transport.ts
  function createTransport(config) {
    var waitedMs = 0;
    return {
      send: function (request, onAnswer) {
        if (config.ended()) return;
        var pending = startRequest(config, request);
        var retries = 0;
        var otherRetries = 0;
        var settled = false;
        var handled = [];
        pending.on("complete", function (result, response) {
          try {
            var attempt = response || result;
            if (settled || config.ended() || !attempt || handled.indexOf(attempt) >= 0) return;
            handled.push(attempt);
            var answer = readAnswer(result, response, retries, waitedMs);
            config.record({
              method: request.method,
              path: request.path,
              status: answer.kind === "response" ? answer.status : null
            });
            var delay = retryDelay(answer, request.method, otherRetries, config);
            if (delay !== void 0 && typeof pending.retry === "function") {
              retries += 1;
              if (answer.kind === "no-response" || answer.status !== 429) otherRetries += 1;
              waitedMs += delay;
              pending.retry(delay);
              return;
            }
            settled = true;
            onAnswer(answer);
          } catch (error) {
            settled = true;
            config.crash(error);
          }
        });
      }
    };
  }
  function startRequest(config, request) {
    var headers = {
      Authorization: "Bearer " + config.accessToken,
      Accept: "application/json"
    };
    var options2 = {
      headers: headers,
      followRedirects: false
    };
    if (request.body !== void 0) {
      headers["Content-Type"] = "application/json";
      options2.data = JSON.stringify(request.body);
    }
    var url = config.baseUrl + request.path;
    if (request.method === "GET") return config.rest.get(url, options2);
    if (request.method === "POST") return config.rest.post(url, options2);
    return config.rest.del(url, options2);
  }
  function retryDelay(answer, method, otherRetries, config) {
    var rateLimited = answer.kind === "response" && answer.status === 429;
    var retryable = answer.kind === "no-response" ? method === "GET" : rateLimited || method === "GET" && isGatewayStatus(answer.status);
    if (!retryable || !rateLimited && otherRetries >= config.maxRetries) return void 0;
    var plan = {
      retries: answer.retries,
      waitedMs: answer.waitedMs,
      budgetMs: config.retryBudgetSeconds * 1e3
    };
    if (answer.kind === "response" && answer.retryAfterSeconds !== void 0) {
      plan.retryAfterSeconds = answer.retryAfterSeconds;
    }
    var wait = nextWait(plan);
    if (wait.kind === "wait") return wait.ms;
    if (wait.retryAfterTooLong && answer.kind === "response") answer.retryAfterTooLong = true;
    return void 0;
  }
  function isGatewayStatus(status) {
    return status === 502 || status === 503 || status === 504;
  }
  function readAnswer(result, response, retries, waitedMs) {
    var status = response ? response.statusCode : void 0;
    if (!response || typeof status !== "number") {
      return {
        kind: "no-response",
        error: describeError(result),
        retries: retries,
        waitedMs: waitedMs
      };
    }
    var body = readBody(result, response);
    var answer = {
      kind: "response",
      status: status,
      body: body,
      retries: retries,
      waitedMs: waitedMs
    };
    var retryAfter = retryAfterSeconds(response);
    if (retryAfter !== void 0) answer.retryAfterSeconds = retryAfter;
    var location = status >= 300 && status < 400 ? header(response, "location") : void 0;
    if (location !== void 0) answer.redirectHost = hostOf(location);
    return answer;
  }
  function header(response, name) {
    var value = response.headers ? response.headers[name] : void 0;
    var first = Array.isArray(value) ? value[0] : value;
    return typeof first === "string" ? first : void 0;
  }
  function hostOf(url) {
    var authority = /^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/([^/?#\s]*)/.exec(url);
    if (!authority || authority[1] === void 0) return "";
    var host = authority[1].slice(authority[1].lastIndexOf("@") + 1);
    return host.length > 100 ? host.slice(0, 100) + "\u2026" : host;
  }
  function readBody(result, response) {
    if (response.raw !== void 0 && response.raw !== null) return bodyFromText(String(response.raw));
    if (typeof result === "string") return bodyFromText(result);
    if (result === null || result === void 0) return {
      kind: "empty"
    };
    if (isError(result)) return {
      kind: "text",
      text: describeError(result)
    };
    return {
      kind: "json",
      value: result
    };
  }
  function bodyFromText(text) {
    if (text.trim() === "") return {
      kind: "empty"
    };
    try {
      return {
        kind: "json",
        value: parseJsonLossless(text)
      };
    } catch (_) {
      return {
        kind: "text",
        text: text
      };
    }
  }
  function retryAfterSeconds(response) {
    var value = header(response, "retry-after");
    if (value === void 0 || value.trim() === "") return void 0;
    if (/^\s*\d+\s*$/.test(value)) return parseInt(value, 10);
    var date = Date.parse(value);
    return isNaN(date) ? void 0 : Math.max(0, Math.ceil((date - Date.now()) / 1e3));
  }
  function isError(value) {
    return Object.prototype.toString.call(value) === "[object Error]";
  }
  function describeError(value) {
    if (isError(value)) {
      if (typeof value.code === "string" && value.code !== "") return value.code;
      if (typeof value.message === "string" && value.message !== "") return value.message;
    }
    return "no response";
  }

  // src/goto/failures.ts
  function failureOf(answer, doing, forbidden) {
    if (answer.kind === "no-response") {
      return {
        code: "network-error",
        message: "GoTo did not answer (" + answer.error + ") while " + doing + afterRetries(answer.retries) + "; check the network path to the GoTo API and run the workflow again."
      };
    }
    var status = answer.status;
    var detail = errorDetail(answer);
    if (status === 401) {
      return {
        code: "unauthorized",
        message: "GoTo rejected the access token (401" + detail + ") while " + doing + ": it has expired or lacks the Admin Center (identity:) scope; reconnect the app's OAuth configuration."
      };
    }
    if (status === 403) {
      return {
        code: "forbidden",
        message: "GoTo refused the request (403" + detail + ") while " + doing + ": " + (forbidden || "the connected GoTo admin lacks the right to manage users and licenses, or the account key is not theirs") + "."
      };
    }
    if (status === 429) {
      var wait = answer.retryAfterTooLong ? " and asked to wait " + answer.retryAfterSeconds + " s" : "";
      var waited = answer.retries > 0 ? " (" + Math.round(answer.waitedMs / 1e3) + " s waited in this run)" : "";
      return {
        code: "rate-limited",
        message: "GoTo kept rate-limiting the requests (429" + detail + ")" + wait + " while " + doing + afterRetries(answer.retries) + waited + "; run the workflow again later."
      };
    }
    if (status >= 300 && status < 400) return redirected(answer, doing);
    if (status >= 400 && mentionsSeats(answer)) return noSeats(answer, doing);
    var retried = isGatewayStatus(status) ? afterRetries(answer.retries) : "";
    return {
      code: "api-error",
      message: "GoTo answered " + status + detail + " while " + doing + retried + "."
    };
  }
  function redirected(answer, doing) {
    var target = answer.redirectHost === void 0 ? "without saying where" : answer.redirectHost === "" ? "to another path on the API host" : "to " + answer.redirectHost;
    return {
      code: "api-error",
      message: "GoTo answered " + answer.status + ", a redirect " + target + ", while " + doing + "; the scripts follow no redirect, so nothing was sent there and nothing was changed. Check the apiBaseUrl build option and what sits between MyWorkspace and the GoTo API."
    };
  }
  function noSeats(answer, doing) {
    var status = answer.kind === "response" ? answer.status : 0;
    return {
      code: "no-seats",
      message: "GoTo reports no free seat (" + status + errorDetail(answer) + ") while " + doing + "; free a seat or add seats to the license, then run the workflow again."
    };
  }
  function badResponse(answer, doing, expected) {
    var status = answer.kind === "response" ? " (" + answer.status + ")" : "";
    return {
      code: "bad-response",
      message: "GoTo's answer" + status + " while " + doing + " was not " + expected + bodySnippet(answer) + "."
    };
  }
  function afterRetries(retries) {
    if (retries === 0) return "";
    return retries === 1 ? ", after 1 retry" : ", after " + retries + " retries";
  }
  function errorDetail(answer) {
    var error = gotoError(answer);
    var parts = [];
    if (error.code) parts.push("code " + error.code);
    if (error.incidentId) parts.push("incident " + error.incidentId);
    if (parts.length > 0) return ", " + parts.join(", ");
    if (answer.kind === "response" && answer.body.kind === "empty") return "";
    return bodySnippet(answer).replace(/^: /, ", ");
  }
  function gotoError(answer) {
    if (answer.kind !== "response" || answer.body.kind !== "json" || !isRecord(answer.body.value)) {
      return {};
    }
    var body = answer.body.value;
    var found = {};
    if (typeof body.incidentId === "string" && body.incidentId !== "") {
      found.incidentId = body.incidentId;
    }
    var errors = body.errors;
    var first = Array.isArray(errors) ? errors[0] : void 0;
    if (isRecord(first)) {
      if (typeof first.code === "string") found.code = first.code;
      if (typeof first.value === "string") found.value = first.value;
    }
    return found;
  }
  function mentionsSeats(answer) {
    var error = gotoError(answer);
    var said = (error.code || "") + " " + (error.value || "");
    return /seat|out[ ._-]?of[ ._-]?licen[cs]e/i.test(said);
  }
  function bodySnippet(answer) {
    if (answer.kind !== "response" || answer.body.kind === "empty") return ": the body was empty";
    var text = answer.body.kind === "text" ? answer.body.text : JSON.stringify(answer.body.value) || "";
    var plain2 = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
    return ": \"" + (plain2.length > 120 ? plain2.slice(0, 120) + "\u2026" : plain2) + "\"";
  }

  // src/goto/client.ts
  function accountPath(accountKey, rest2) {
    return "/accounts/" + encodeURIComponent(accountKey) + rest2;
  }
  function write(api, request, plannedValue, callback, read) {
    if (api.dryRun) {
      api.planned(request);
      callback({
        ok: true,
        value: plannedValue
      });
      return;
    }
    api.transport.send(request, function (answer) {
      return callback(read(answer));
    });
  }
  function isSuccess(answer) {
    return answer.kind === "response" && answer.status >= 200 && answer.status < 300;
  }
  function jsonBody(answer) {
    return answer.kind === "response" && answer.body.kind === "json" ? answer.body.value : null;
  }
  function failed(failure) {
    return {
      ok: false,
      failure: failure,
      uncertain: false
    };
  }
  function failedWrite(answer, doing) {
    return {
      ok: false,
      failure: failureOf(answer, doing),
      uncertain: mayHaveGoneThrough(answer)
    };
  }
  function mayHaveGoneThrough(answer) {
    return answer.kind === "no-response" || isGatewayStatus(answer.status);
  }

  // src/goto/delete-user.ts
  function deleteUser(api, userKey, callback) {
    var doing = "deleting user " + userKey;
    var path = accountPath(api.accountKey, "/users/" + encodeURIComponent(userKey));
    write(api, {
      method: "DELETE",
      path: path
    }, true, callback, function (answer) {
      if (isSuccess(answer)) return {
        ok: true,
        value: true
      };
      if (answer.kind === "response" && answer.status === 404) return {
        ok: true,
        value: false
      };
      return failedWrite(answer, doing);
    });
  }

  // src/goto/licenses.ts
  var JOINED_PATH_REFUSALS = [400, 404, 405];
  function removeLicenses(api, licenseKeys, userKey, callback) {
    changeLicenses(api, "DELETE", licenseKeys, userKey, callback);
  }
  function changeLicenses(api, method, licenseKeys, userKey, callback) {
    var send = function (keys, onAnswer) {
      return write(api, {
        method: method,
        path: accountPath(api.accountKey, "/licenses/" + keys.map(encodeURIComponent).join(",") + "/users/" + encodeURIComponent(userKey))
      }, void 0, function (reply) {
        return onAnswer(reply.ok ? reply.value : void 0);
      }, function (answer) {
        return {
          ok: true,
          value: answer
        };
      });
    };
    var outcome = function (answer, keys, changed) {
      if (answer === void 0 || isSuccess(answer)) return void 0;
      return refusal(answer, method, keys, userKey, changed);
    };
    var oneByOne = function (index, changed) {
      if (index >= licenseKeys.length) return callback({
        ok: true,
        value: void 0
      });
      var key = licenseKeys[index];
      send([key], function (answer) {
        var refused = outcome(answer, [key], changed);
        if (refused) return callback(refused);
        oneByOne(index + 1, changed.concat(key));
      });
    };
    if (licenseKeys.length < 2 || api.oneKeyPerCall) {
      oneByOne(0, []);
      return;
    }
    send(licenseKeys, function (answer) {
      if (answer !== void 0 && answer.kind === "response" && JOINED_PATH_REFUSALS.indexOf(answer.status) >= 0) {
        api.oneKeyPerCall = true;
        return oneByOne(0, []);
      }
      var refused = outcome(answer, licenseKeys, []);
      callback(refused || {
        ok: true,
        value: void 0
      });
    });
  }
  function refusal(answer, method, keys, userKey, changed) {
    var doing = method === "POST" ? "assigning licenses " + keys.join(", ") + " to user " + userKey : "removing licenses " + keys.join(", ") + " from user " + userKey;
    var status = answer.kind === "response" ? answer.status : 0;
    if (method === "POST" && (status === 409 || status === 422)) {
      var failure = status === 422 ? noSeats(answer, doing) : failureOf(answer, doing);
      return {
        ok: false,
        failure: failure,
        uncertain: false,
        conflict: true,
        changed: changed
      };
    }
    return {
      ok: false,
      failure: failureOf(answer, doing),
      uncertain: mayHaveGoneThrough(answer),
      conflict: false,
      changed: changed
    };
  }

  // src/goto/filter.ts
  function emailFilter(email) {
    return "(email=\"" + email + "\") | (email=\"" + caseInsensitivePattern(email) + "\")";
  }
  function caseInsensitivePattern(email) {
    return "(?i)" + email.replace(/[\\^$.|?*+()[\]{}]/g, ".");
  }
  function sameEmail(a, b) {
    return a.toLowerCase() === b.toLowerCase();
  }

  // src/goto/pages.ts
  var PAGE_SIZE = 100;
  function readPages(read, callback) {
    var kept = [];
    var readPage = function (offset, page) {
      read.transport.send({
        method: "GET",
        path: read.pathAt(offset)
      }, function (answer) {
        if (answer.kind === "response" && answer.status === 404 && gotoError(answer).code === "user.not.found") {
          return callback({
            ok: true,
            value: kept
          });
        }
        if (!isSuccess(answer)) return callback(failed(failureOf(answer, read.doing)));
        var body = jsonBody(answer);
        var results = isRecord(body) && Array.isArray(body.results) ? body.results : void 0;
        var keep = results && read.keep(results);
        if (!isRecord(body) || !results || !keep) {
          return callback(failed(badResponse(answer, read.doing, read.expected)));
        }
        for (var _i2 = 0; _i2 < keep.length; _i2++) {
          var item = keep[_i2];
          kept.push(item);
        }
        var next = offset + results.length;
        var total = typeof body.total === "number" ? body.total : next;
        if (results.length === 0 || next >= total) return callback({
          ok: true,
          value: kept
        });
        if (page + 1 >= read.maxPages) {
          return callback(failed(badResponse(answer, read.doing, "finished after " + read.maxPages + " pages (it reports " + total + " in all)")));
        }
        readPage(next, page + 1);
      });
    };
    readPage(0, 0);
  }

  // src/goto/user-entry.ts
  function readUserEntry(value) {
    if (!isRecord(value) || typeof value.email !== "string") return void 0;
    var key = keyText(value.key);
    if (key === void 0) return void 0;
    var entry = {
      key: key,
      email: value.email,
      licenseKeys: void 0
    };
    if (value.licenseKeys !== void 0 && value.licenseKeys !== null) {
      var licenseKeys = exactKeys(value.licenseKeys);
      if (licenseKeys === void 0) return void 0;
      entry.licenseKeys = licenseKeys;
    }
    if (typeof value.status === "string") entry.status = value.status;
    return entry;
  }
  function exactKeys(value) {
    if (!Array.isArray(value)) return void 0;
    var keys = [];
    for (var _i4 = 0; _i4 < value.length; _i4++) {
      var item = value[_i4];
      var key = keyText(item);
      if (key === void 0) return void 0;
      keys.push(key);
    }
    return keys;
  }

  // src/goto/find-users.ts
  var MAX_PAGES = 20;
  function findUsersByEmail(api, email, callback) {
    var filter = encodeURIComponent(emailFilter(email));
    readPages({
      transport: api.transport,
      pathAt: function (offset) {
        return accountPath(api.accountKey, "/users?filter=" + filter + "&offset=" + offset + "&pageSize=" + PAGE_SIZE);
      },
      doing: "looking up " + email,
      expected: "a list of users in which each match has exact keys",
      maxPages: MAX_PAGES,
      keep: function (results) {
        return exactMatches(results, email);
      }
    }, callback);
  }
  function exactMatches(results, email) {
    var matches = [];
    for (var _i6 = 0; _i6 < results.length; _i6++) {
      var entry = results[_i6];
      if (!isRecord(entry) || typeof entry.email !== "string" || !sameEmail(entry.email, email)) {
        continue;
      }
      var user = readUserEntry(entry);
      if (user === void 0) return void 0;
      matches.push(user);
    }
    return matches;
  }

  // src/goto/get-user.ts
  function knownUser(transport, accountKey, entry, callback) {
    var listed = listedUser(entry);
    if (listed !== void 0) {
      callback({
        ok: true,
        value: listed
      });
      return;
    }
    var path = "/accounts/" + encodeURIComponent(accountKey) + "/users/" + encodeURIComponent(entry.key);
    var doing = "reading user " + entry.key + " (" + entry.email + ") by key (the user list left out their licenseKeys)";
    transport.send({
      method: "GET",
      path: path
    }, function (answer) {
      if (!isSuccess(answer)) return callback(failed(failureOf(answer, doing)));
      var read = readUserEntry(jsonBody(answer));
      if (read === void 0 || read.key !== entry.key) {
        return callback(failed(badResponse(answer, doing, "user " + entry.key + " with exact keys")));
      }
      if (read.licenseKeys === void 0) {
        var failure = badResponse(answer, doing, "a user with a licenseKeys field");
        return callback(failed({
          code: failure.code,
          message: failure.message + " Which licenses the user holds is unknown, so nothing was changed."
        }));
      }
      callback({
        ok: true,
        value: withLicenses(entry, read.licenseKeys)
      });
    });
  }
  function listedUser(entry) {
    return entry.licenseKeys === void 0 ? void 0 : withLicenses(entry, entry.licenseKeys);
  }
  function withLicenses(entry, licenseKeys) {
    var user = {
      key: entry.key,
      email: entry.email,
      licenseKeys: licenseKeys
    };
    if (entry.status !== void 0) user.status = entry.status;
    return user;
  }

  // src/workflows/find-user.ts
  function findMatch(run, found) {
    var email = run.settings.email;
    findUsersByEmail(run.api, email, function (reply) {
      if (!reply.ok) return run.fail(reply.failure);
      var users = reply.value;
      if (users.length > 1) {
        return run.fail({
          code: "ambiguous-user",
          message: users.length + " GoTo users of this account have the email " + email + " (keys " + users.map(function (user) {
            return user.key;
          }).join(", ") + "); nothing was changed. Remove the duplicate in GoTo Admin Center, then run the workflow again."
        });
      }
      found(users[0]);
    });
  }
  function findUser(run, found) {
    findMatch(run, function (match) {
      if (!match) return found(void 0);
      knownUser(run.api.transport, run.api.accountKey, match, function (known) {
        if (!known.ok) return run.fail(known.failure, {
          userKey: match.key
        });
        found(known.value);
      });
    });
  }

  // src/workflows/licenses.ts
  function oneKeyNote(api) {
    return api.oneKeyPerCall ? " GoTo refused several license keys in one call, so each key was sent on its own." : "";
  }
  function failPartly(run, reply, userKey, done2) {
    if (reply.changed.length === 0) {
      run.fail(reply.failure, {
        userKey: userKey
      });
      return;
    }
    run.fail({
      code: reply.failure.code,
      message: reply.failure.message + " Licenses " + reply.changed.join(", ") + " were " + done2 + " before that, each in its own call; run the workflow again to finish."
    }, {
      userKey: userKey,
      licenseKeys: reply.changed
    });
  }

  // src/workflows/read-back.ts
  function readBack(run, decide) {
    var count = 0;
    var pending;
    return {
      unconfirmed: function () {
        return pending;
      },
      afterFailedWrite: function (reply, outcome) {
        if (!reply.uncertain || count >= run.options.maxRetries) {
          run.fail(reply.failure);
          return;
        }
        count += 1;
        if (pending === void 0) pending = outcome;
        decide();
      }
    };
  }

  // src/workflows/deprovision.ts
  function deprovision(run) {
    var settings = run.settings,
      options2 = run.options,
      api = run.api;
    var email = settings.email,
      licenseKeys = settings.licenseKeys;
    var dry = options2.dryRun;
    var decide = function () {
      return options2.deprovisionMode === "delete" ? findMatch(run, function (entry) {
        return entry ? deleteUser2(entry) : gone();
      }) : findUser(run, function (user) {
        return user ? removeLicenses2(user) : gone();
      });
    };
    var lost = readBack(run, decide);
    var gone = function () {
      if (lost.unconfirmed() === "deleted") {
        return run.succeed("deleted", "GoTo user " + email + " is gone: the deletion went through although its answer was lost.");
      }
      run.succeed("not-found", "No GoTo user of this account has the email " + email + "; nothing to take back.");
    };
    var removeLicenses2 = function (user) {
      var held = licenseKeys.filter(function (key) {
        return user.licenseKeys.indexOf(key) >= 0;
      });
      if (held.length === 0) {
        return run.succeed(lost.unconfirmed() ? "unlicensed" : "unchanged", lost.unconfirmed() ? "GoTo user " + email + " (key " + user.key + ") no longer holds licenses " + licenseKeys.join(", ") + ": the removal went through although its answer was lost." : "GoTo user " + email + " (key " + user.key + ") holds none of licenses " + licenseKeys.join(", ") + "; nothing was changed.", {
          userKey: user.key,
          licenseKeys: lost.unconfirmed() ? licenseKeys : []
        });
      }
      removeLicenses(api, held, user.key, function (reply) {
        if (!reply.ok) {
          if (reply.uncertain) return lost.afterFailedWrite(reply, "unlicensed");
          return failPartly(run, reply, user.key, "removed");
        }
        run.succeed("unlicensed", (dry ? "Dry run: would remove licenses " + held.join(", ") + " from GoTo user " + email + " (key " + user.key + "); nothing was changed." : "Removed licenses " + held.join(", ") + " from GoTo user " + email + " (key " + user.key + "); the user and their data stay in GoTo.") + oneKeyNote(api), {
          userKey: user.key,
          licenseKeys: held
        });
      });
    };
    var deleteUser2 = function (user) {
      return deleteUser(api, user.key, function (reply) {
        if (!reply.ok) return lost.afterFailedWrite(reply, "deleted");
        if (!reply.value && lost.unconfirmed() !== "deleted") {
          return run.succeed("not-found", "GoTo user " + email + " (key " + user.key + ") was removed by someone else meanwhile; nothing to take back.", {
            userKey: user.key
          });
        }
        run.succeed("deleted", dry ? "Dry run: would delete GoTo user " + email + " (key " + user.key + ") with their meeting history and recordings; nothing was changed." : "Deleted GoTo user " + email + " (key " + user.key + "), with their meeting history and recordings.", {
          userKey: user.key
        });
      });
    };
    decide();
  }

  // src/goto/me.ts
  var ME_REFUSED = "the connection lacks the Admin Center (identity:) scope, or the connected user is no GoTo admin; reconnect the app's OAuth configuration with a GoTo admin account";
  var ME_DOING = "asking GoTo which account the connection belongs to (GET /me)";
  function whoAmI(transport, callback) {
    transport.send({
      method: "GET",
      path: "/me"
    }, function (answer) {
      var me = meOf(answer);
      if (!me.ok) return callback(me);
      var accountKey = me.value.accountKey;
      if (accountKey === void 0) {
        var failure = badResponse(answer, ME_DOING, "an answer with an exact accountKey");
        return callback(failed({
          code: failure.code,
          message: failure.message + " Set the accountKey build option to your GoTo account key and use that build."
        }));
      }
      callback({
        ok: true,
        value: {
          accountKey: accountKey,
          accounts: Math.max(1, me.value.accounts.length)
        }
      });
    });
  }
  function meOf(answer) {
    if (!isSuccess(answer)) return failed(failureOf(answer, ME_DOING, ME_REFUSED));
    var body = jsonBody(answer);
    if (!isRecord(body)) return failed(badResponse(answer, ME_DOING, "a JSON object"));
    var accounts = [];
    var listed = Array.isArray(body.accounts) ? body.accounts : [];
    for (var i = 0; i < listed.length; i++) {
      var account = readAccount(listed[i]);
      if (account === void 0) {
        return failed(badResponse(answer, ME_DOING, "a list of accounts with exact keys"));
      }
      accounts.push(account);
    }
    var me = {
      adminRoles: stringList(body.adminRoles) || [],
      accounts: accounts
    };
    var key = keyText(body.key);
    if (key !== void 0) me.key = key;
    if (typeof body.email === "string" && body.email !== "") me.email = body.email;
    if (body.accountKey !== void 0 && body.accountKey !== null) {
      var accountKey = accountKeyText(body.accountKey);
      if (accountKey === void 0) return failed(badResponse(answer, ME_DOING, "an exact accountKey"));
      me.accountKey = accountKey;
    }
    return {
      ok: true,
      value: me
    };
  }
  function readAccount(entry) {
    var key = isRecord(entry) ? accountKeyText(entry.key) : void 0;
    if (!isRecord(entry) || key === void 0) return void 0;
    var account = {
      key: key
    };
    if (typeof entry.name === "string" && entry.name !== "") account.name = entry.name;
    var roles = stringList(entry.adminRoles);
    if (roles) account.adminRoles = roles;
    return account;
  }
  function stringList(value) {
    if (!Array.isArray(value)) return void 0;
    var strings = [];
    for (var _i8 = 0; _i8 < value.length; _i8++) {
      var item = value[_i8];
      if (typeof item === "string") strings.push(item);
    }
    return strings;
  }

  // src/host/context.ts
  var UNSAFE_EMAIL_CHARS = /["()/\\\s\u0000-\u001f\u007f]/;
  var MAX_EMAIL_LENGTH = 128;
  function readContext(ctx) {
    if (!isRecord(ctx)) {
      return {
        kind: "invalid",
        email: "",
        problem: "the workflow context is missing or not an object",
        accessToken: ""
      };
    }
    var oauth = oauthFields(ctx.OAuth2ProtocolConfiguration);
    var accessToken = typeof oauth !== "string" && typeof oauth.access_token === "string" ? oauth.access_token : "";
    var user = isRecord(ctx.ProvisionedUser) ? ctx.ProvisionedUser : {};
    var email = typeof user.MailAddress === "string" ? user.MailAddress : "";
    var fields = appFields(ctx);
    if (fields.EnableAccountProvisioning !== true) {
      return {
        kind: "disabled",
        email: email,
        reason: describeDisabled(fields.EnableAccountProvisioning),
        accessToken: accessToken
      };
    }
    var emailProblem = checkEmail(user.MailAddress, "ProvisionedUser.MailAddress");
    if (emailProblem) return {
      kind: "invalid",
      email: email,
      problem: emailProblem,
      accessToken: accessToken
    };
    var connection = readConnection(oauth);
    if (typeof connection === "string") {
      return {
        kind: "invalid",
        email: email,
        problem: connection,
        accessToken: accessToken
      };
    }
    var licenses = readLicenseKeys(fields.ApplicationLicenses);
    if (typeof licenses === "string") {
      return {
        kind: "invalid",
        email: email,
        problem: licenses,
        accessToken: accessToken
      };
    }
    return {
      kind: "ready",
      settings: {
        email: email,
        accountKey: connection.accountKey,
        accessToken: connection.accessToken,
        licenseKeys: licenses,
        firstName: user.FirstName,
        lastName: user.LastName
      },
      accessToken: accessToken
    };
  }
  function appFields(ctx) {
    var app = isRecord(ctx.Application) ? ctx.Application : {};
    var appSettings = isRecord(app.ApplicationSettings) ? app.ApplicationSettings : {};
    return isRecord(appSettings.Fields) ? appSettings.Fields : {};
  }
  function describeDisabled(flag) {
    if (flag === false) return "EnableAccountProvisioning is false";
    if (flag === void 0) return "EnableAccountProvisioning is not set";
    return "EnableAccountProvisioning is " + describeValue(flag) + ", and only the boolean true enables it";
  }
  function checkEmail(value, field) {
    if (typeof value !== "string" || value === "") {
      return field + " is " + describeValue(value) + "; an email address is required";
    }
    if (value.length > MAX_EMAIL_LENGTH) {
      return field + " has " + value.length + " characters; GoTo accepts at most " + MAX_EMAIL_LENGTH;
    }
    var unsafe = UNSAFE_EMAIL_CHARS.exec(value);
    if (unsafe) {
      return field + " contains " + describeChar(unsafe[0]) + ", which an email address used here may not contain";
    }
    var at = value.indexOf("@");
    if (at <= 0 || at !== value.lastIndexOf("@") || at === value.length - 1) {
      return field + " \"" + value + "\" is not an email address (it needs one @ between a name and a domain)";
    }
    return void 0;
  }
  var OAUTH_FIELD = "OAuth2ProtocolConfiguration";
  function oauthFields(value) {
    if (typeof value !== "string") {
      return OAUTH_FIELD + " is " + describeValue(value) + "; it must be a JSON string with access_token";
    }
    var parsed;
    try {
      parsed = parseJsonLossless(value);
    } catch (_) {
      return OAUTH_FIELD + " is not valid JSON; it must be a JSON string with access_token";
    }
    return isRecord(parsed) ? parsed : OAUTH_FIELD + " is not a JSON object with access_token";
  }
  function readConnection(fields) {
    if (typeof fields === "string") return fields;
    var accessToken = fields.access_token;
    if (typeof accessToken !== "string" || accessToken.trim() === "") {
      return OAUTH_FIELD + " has no access_token; connect the app to GoTo again so MyWorkspace stores a token";
    }
    var account = connectionAccountKey(fields);
    return typeof account === "string" ? account : {
      accountKey: account.accountKey,
      accessToken: accessToken
    };
  }
  function connectionAccountKey(fields) {
    var given = fields.account_key;
    if (given === void 0 || given === null || given === "") return {
      accountKey: void 0
    };
    var accountKey = accountKeyText(given);
    if (accountKey === void 0) {
      return OAUTH_FIELD + " has an account_key that is not a GoTo account key (digits); correct it, or remove it so the scripts ask GoTo for the account";
    }
    return {
      accountKey: accountKey
    };
  }
  function readLicenseKeys(value) {
    var field = "Application.ApplicationSettings.Fields.ApplicationLicenses";
    var items;
    if (value === void 0 || value === null) items = [];else if (Array.isArray(value)) items = value;else if (typeof value === "string") items = value.split(",");else if (typeof value === "number") items = [value];else return field + " is " + describeValue(value) + "; it must be a list of license keys";
    var keys = [];
    for (var _i0 = 0, _items2 = items; _i0 < _items2.length; _i0++) {
      var item = _items2[_i0];
      var text = typeof item === "string" ? item.trim() : item;
      if (text === "" && typeof value === "string") continue;
      var key = keyText(text);
      if (key === void 0) {
        var shown2 = typeof item === "number" ? "the number " + String(item) : describeValue(item);
        return typeof item === "number" && item > MAX_SAFE_INTEGER ? field + " holds " + shown2 + ", which is too large to be exact; enter license keys as text" : field + " holds " + shown2 + ", which is not a license key (digits and letters only)";
      }
      if (keys.indexOf(key) < 0) keys.push(key);
    }
    return keys;
  }
  function describeValue(value) {
    if (value === void 0) return "missing";
    if (value === null) return "null";
    if (typeof value === "string") {
      return value.trim() === "" ? "blank" : "the string \"" + truncate(value) + "\"";
    }
    if (Array.isArray(value)) return "a list";
    return "of type " + typeof value;
  }
  function describeChar(ch) {
    if (/\s/.test(ch)) return "whitespace";
    if (ch < " " || ch === "") return "a control character";
    return "the character " + ch;
  }
  function truncate(text) {
    return text.length > 40 ? text.slice(0, 40) + "\u2026" : text;
  }

  // src/host/redact.ts
  var MIN_REDACTED_TOKEN_LENGTH = 8;
  function redact(value, token) {
    if (token.length < MIN_REDACTED_TOKEN_LENGTH) return value;
    var scrub = function (item) {
      if (typeof item === "string") return item.split(token).join("[redacted]");
      if (Array.isArray(item)) return item.map(scrub);
      if (isRecord(item)) {
        var copy = {};
        for (var _i10 = 0, _Object$keys2 = Object.keys(item); _i10 < _Object$keys2.length; _i10++) {
          var name = _Object$keys2[_i10];
          copy[name] = scrub(item[name]);
        }
        return copy;
      }
      return item;
    };
    return scrub(value);
  }

  // src/common/web-url.ts
  var LOOPBACK_HOSTS = ["127.0.0.1", "[::1]", "localhost"];
  var SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;
  var DNS_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
  var HOST = new RegExp("^(?:" + DNS_LABEL + "(?:\\." + DNS_LABEL + ")*\\.?|\\[[0-9A-Fa-f:.]+\\])$");
  var PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
  var QUERY = /^\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;
  function readWebUrl(value, rule) {
    var loopback = rule.allowLoopbackHttp ? " (or http://127.0.0.1, http://[::1] or http://localhost, any port)" : "";
    var allowed = "an https URL such as " + rule.example + loopback;
    var shown2 = value === void 0 ? "nothing" : JSON.stringify(value);
    var parts = typeof value === "string" ? SHAPE.exec(value) : null;
    if (parts === null) return {
      problem: rule.name + " must be " + allowed + ", not " + shown2
    };
    var scheme = parts[1].toLowerCase();
    var authority = parts[2];
    var path = parts[3];
    var query = parts[4];
    var hostAndPort = /^(.*?)(?::(\d{1,5}))?$/.exec(authority);
    var host = hostAndPort ? hostAndPort[1].toLowerCase() : "";
    var loopbackHttp = scheme === "http" && LOOPBACK_HOSTS.indexOf(host) >= 0;
    if (scheme !== "https" && !(rule.allowLoopbackHttp && loopbackHttp)) {
      return {
        problem: rule.name + " must be " + allowed + ": " + shown2 + " does not use https"
      };
    }
    var extras = rule.allowQuery ? "credentials or fragment" : "credentials, query or fragment";
    if (authority.indexOf("@") >= 0 || parts[5] !== void 0 || query && !rule.allowQuery) {
      return {
        problem: rule.name + " must be " + allowed + ", without " + extras + ": " + shown2
      };
    }
    var port = hostAndPort ? hostAndPort[2] : void 0;
    var validPort = port === void 0 || Number(port) >= 1 && Number(port) <= 65535;
    if (!HOST.test(host) || !validPort || !PATH.test(path) || query && !QUERY.test(query)) {
      return {
        problem: rule.name + " must be " + allowed + ": " + shown2 + " has a character or a part a URL may not have there (write spaces and other characters as %XX)"
      };
    }
    return {
      value: rule.allowQuery ? value : value.replace(/\/+$/, "")
    };
  }

  // src/options.ts
  var DEFAULT_OPTIONS = {
    deprovisionMode: "remove-licenses",
    welcomeEmail: "goto-default",
    locale: "en_US",
    maxRetries: 3,
    retryBudgetSeconds: 240,
    dryRun: false,
    apiBaseUrl: "https://api.getgo.com/admin/rest/v1",
    accountKey: null,
    notifyUrl: null,
    notifyOn: "failures",
    notifyFormat: "json"
  };
  var OPTION_NAMES = Object.keys(DEFAULT_OPTIONS);
  var APPLIES_TO = {
    deprovisionMode: ["deprovision"],
    welcomeEmail: ["provision"],
    locale: ["provision"],
    maxRetries: ["provision", "deprovision"],
    retryBudgetSeconds: ["provision", "deprovision"],
    dryRun: ["provision", "deprovision"],
    apiBaseUrl: ["provision", "deprovision"],
    accountKey: ["provision", "deprovision"],
    notifyUrl: ["provision", "deprovision"],
    notifyOn: ["provision", "deprovision"],
    notifyFormat: ["provision", "deprovision"]
  };

  // src/validate-options.ts
  var MAX_RETRIES_LIMIT = 10;
  var RETRY_BUDGET_LIMIT_SECONDS = 600;
  function validateOptions(raw) {
    var check = arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : {};
    var _a;
    var label = (_a = check.label) != null ? _a : function (name) {
      return name;
    };
    if (!isRecord(raw)) {
      return {
        problems: ["the options must be an object of named values (" + names(check) + "), not " + show(raw)]
      };
    }
    var problems = [];
    for (var _i12 = 0, _Object$keys4 = Object.keys(raw); _i12 < _Object$keys4.length; _i12++) {
      var key = _Object$keys4[_i12];
      if (!isOptionName(key)) {
        problems.push("unknown option \"" + key + "\": the options are " + names(check));
      } else if (check.workflow && APPLIES_TO[key].indexOf(check.workflow) < 0) {
        problems.push(key + " does not change this script (only the " + APPLIES_TO[key].map(scriptOf).join(" and ") + " script): remove it from these options");
      }
    }
    var options2 = copyOf(DEFAULT_OPTIONS);
    var take = function (name, read) {
      if (raw[name] === void 0) return;
      var result = read(raw[name]);
      if ("problem" in result) problems.push(result.problem);else options2[name] = result.value;
    };
    take("deprovisionMode", function (value) {
      return value === "remove-licenses" || value === "delete" ? {
        value: value
      } : {
        problem: label("deprovisionMode") + " must be \"remove-licenses\" (the default: take this app's licenses back) or \"delete\" (delete the GoTo user), not " + show(value)
      };
    });
    take("welcomeEmail", function (value) {
      return readWelcomeEmail(value, label("welcomeEmail"));
    });
    take("locale", function (value) {
      return typeof value === "string" && /^[a-z]{2}_[A-Z]{2}$/.test(value) ? {
        value: value
      } : {
        problem: label("locale") + " must be a GoTo locale of the form ll_CC, such as en_US or de_DE, not " + show(value)
      };
    });
    take("maxRetries", function (value) {
      return wholeNumberUpTo(label("maxRetries"), value, MAX_RETRIES_LIMIT);
    });
    take("retryBudgetSeconds", function (value) {
      return wholeNumberUpTo(label("retryBudgetSeconds"), value, RETRY_BUDGET_LIMIT_SECONDS);
    });
    take("dryRun", function (value) {
      return typeof value === "boolean" ? {
        value: value
      } : {
        problem: label("dryRun") + " must be true or false, not " + show(value)
      };
    });
    take("apiBaseUrl", function (value) {
      return readWebUrl(value, {
        name: label("apiBaseUrl"),
        example: DEFAULT_OPTIONS.apiBaseUrl,
        allowLoopbackHttp: false,
        allowQuery: false
      });
    });
    take("accountKey", function (value) {
      return value === null || typeof value === "string" && /^\d+$/.test(value) ? {
        value: value
      } : {
        problem: label("accountKey") + " must be your GoTo account key as a string of digits, such as \"1000000000000000001\", or null, not " + show(value)
      };
    });
    take("notifyUrl", function (value) {
      if (value === null) return {
        value: value
      };
      var read = readWebUrl(value, {
        name: label("notifyUrl"),
        example: "https://hooks.slack.com/services/...",
        allowLoopbackHttp: true,
        allowQuery: true
      });
      return "problem" in read ? {
        problem: read.problem + " (or null: no notification)"
      } : read;
    });
    take("notifyOn", function (value) {
      return value === "failures" || value === "all" ? {
        value: value
      } : {
        problem: label("notifyOn") + " must be \"failures\" (the default: only failed runs are notified) or \"all\" (every run), not " + show(value)
      };
    });
    take("notifyFormat", function (value) {
      return value === "json" || value === "text" || value === "teams" ? {
        value: value
      } : {
        problem: label("notifyFormat") + " must be \"json\" (the result's fields), \"text\" (Slack, Google Chat, Mattermost) or \"teams\" (a Teams workflow's Adaptive Card), not " + show(value)
      };
    });
    return problems.length > 0 ? {
      problems: problems
    } : {
      options: options2
    };
  }
  function scriptOf(workflow) {
    return workflow === "provision" ? "provisioning" : "de-provisioning";
  }
  function isOptionName(key) {
    return OPTION_NAMES.indexOf(key) >= 0;
  }
  function names(check) {
    var workflow = check.workflow;
    var taken = workflow ? OPTION_NAMES.filter(function (name) {
      return APPLIES_TO[name].indexOf(workflow) >= 0;
    }) : OPTION_NAMES;
    return taken.join(", ");
  }
  function copyOf(options2) {
    var copy = {};
    for (var _i14 = 0; _i14 < OPTION_NAMES.length; _i14++) {
      var name = OPTION_NAMES[_i14];
      copy[name] = options2[name];
    }
    return copy;
  }
  function wholeNumberUpTo(name, value, limit) {
    return typeof value === "number" && value % 1 === 0 && value >= 0 && value <= limit ? {
      value: value
    } : {
      problem: name + " must be a whole number from 0 to " + limit + ", not " + show(value)
    };
  }
  function readWelcomeEmail(value, name) {
    if (value === "goto-default" || value === "suppress") return {
      value: value
    };
    var hint = name.indexOf("--") === 0 ? name + " must be \"goto-default\" or \"suppress\", or a custom email given with --welcome-subject and --welcome-text" : name + " must be \"goto-default\", \"suppress\" or {\"subject\": \"...\", \"text\": \"...\"}";
    if (!isRecord(value)) return {
      problem: hint + ", not " + show(value)
    };
    var extra = Object.keys(value).filter(function (key) {
      return key !== "subject" && key !== "text";
    });
    if (extra.length > 0) return {
      problem: hint + ": unknown field " + show(extra[0])
    };
    var subject = value.subject;
    var text = value.text;
    if (typeof subject !== "string" || subject.trim() === "") {
      return {
        problem: hint + ": the custom email's subject must be non-empty text"
      };
    }
    if (typeof text !== "string" || text.trim() === "") {
      return {
        problem: hint + ": the custom email's text must be non-empty text"
      };
    }
    return {
      value: {
        subject: subject,
        text: text
      }
    };
  }
  function show(value) {
    if (value === void 0) return "nothing";
    var text = JSON.stringify(value);
    if (text === void 0) return "a " + typeof value;
    return text.length > 80 ? text.slice(0, 80) + "\u2026" : text;
  }

  // src/workflows/account-choice.ts
  function chooseAccount(optionKey, connectionKey, meAccountKey) {
    if (optionKey) return {
      key: optionKey,
      source: "option"
    };
    if (connectionKey !== void 0) return {
      key: connectionKey,
      source: "connection"
    };
    if (meAccountKey !== void 0) return {
      key: meAccountKey,
      source: "me"
    };
    return void 0;
  }

  // src/workflows/notice.ts
  var ADVICE = {
    "invalid-options": "correct the options block at the top of the script, or paste a fresh copy, then re-run.",
    "invalid-context": "fix the app's settings or the user's directory entry, then re-run.",
    unauthorized: "reconnect the app's OAuth configuration with a GoTo admin account, then re-run.",
    forbidden: "connect with a GoTo super user or an admin with user and license rights; check account_key or the accountKey option.",
    "ambiguous-user": "remove or rename the duplicate in GoTo Admin Center, then re-run.",
    "other-account": "have the user leave that GoTo account (or remove them from it), then re-run.",
    "no-seats": "free a seat or buy more, then re-run.",
    "rate-limited": "re-run later, once other assignments are done; ask GoTo support for a higher limit if it persists.",
    "api-error": "read the message; code license.not.found means a license key in ApplicationLicenses does not exist: npm run check names it. A redirect: check the apiBaseUrl option and what sits between MyWorkspace and GoTo. Otherwise quote the incident id to GoTo support.",
    "network-error": "check the path from MyWorkspace to the GoTo API (api.getgo.com, or the host of the apiBaseUrl option), then re-run.",
    "bad-response": "report it with the calls listed in the result."
  };
  var TITLE = {
    provision: "GoToMeeting provisioning",
    deprovision: "GoToMeeting de-provisioning"
  };
  function summaryOf(result) {
    var who = result.email === "" ? "a user without an address" : result.email;
    var how = result.outcome === "failed" ? "FAILED (" + String(result.error) + ")" : "ended \"" + result.outcome + "\"";
    var todo = result.outcome === "failed" ? ADVICE[result.error] : adviceOf(result.outcome);
    var dry = result.dryRun ? "Dry run, nothing was changed: " : "";
    return "" + dry + TITLE[result.workflow] + " " + how + " for " + who + ": " + todo;
  }
  function adviceOf(outcome) {
    return outcome === "skipped" ? "enable the app if it should act." : "nothing to do.";
  }
  function factsOf(result, appLicenseKeys) {
    var facts = {
      workflow: result.workflow,
      outcome: result.outcome
    };
    if (result.error !== void 0) facts.error = result.error;
    facts.message = result.message;
    facts.email = result.email;
    if (result.accountKey !== void 0) facts.accountKey = result.accountKey;
    if (result.userKey !== void 0) facts.userKey = result.userKey;
    if (result.licenseKeys !== void 0) facts.licenseKeys = result.licenseKeys;
    facts.appLicenseKeys = appLicenseKeys;
    facts.dryRun = result.dryRun;
    facts.version = result.version;
    return facts;
  }
  function noticeBody(result, appLicenseKeys, format) {
    var summary = summaryOf(result);
    var facts = factsOf(result, appLicenseKeys);
    if (format === "json") {
      var body = {
        text: summary
      };
      for (var _i16 = 0, _Object$keys6 = Object.keys(facts); _i16 < _Object$keys6.length; _i16++) {
        var name = _Object$keys6[_i16];
        body[name] = facts[name];
      }
      return JSON.stringify(body);
    }
    var lines = Object.keys(facts).filter(function (name) {
      return name !== "message";
    }).map(function (name) {
      return {
        title: name,
        value: shown(facts[name])
      };
    });
    if (format === "text") {
      var details = lines.map(function (fact) {
        return fact.title + ": " + fact.value;
      }).join(", ");
      return JSON.stringify({
        text: plain(summary + "\n" + result.message + "\n" + details)
      });
    }
    return JSON.stringify({
      type: "message",
      attachments: [{
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [{
            type: "TextBlock",
            text: summary,
            wrap: true,
            weight: "Bolder"
          }, {
            type: "TextBlock",
            text: result.message,
            wrap: true
          }, {
            type: "FactSet",
            facts: lines
          }]
        }
      }]
    });
  }
  function shown(value) {
    return Array.isArray(value) ? value.join(", ") || "none" : String(value);
  }
  function plain(text) {
    return text.replace(/</g, "‹").replace(/>/g, "›");
  }

  // src/workflows/notify.ts
  var NOTIFY_TIMEOUT_MS = 5e3;
  var RETRY_WAIT_MS = 1e3;
  function sendNotification(rest2, url, body, sent) {
    var attempts = 1;
    var finished = false;
    var finish = function (status, failure) {
      if (finished) return;
      finished = true;
      var record = {
        to: originOf(url),
        status: status,
        delivered: status !== null && status >= 200 && status < 300,
        attempts: attempts
      };
      if (failure) record.failure = failure;
      sent(record);
    };
    try {
      var request = rest2.post(url, {
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          Accept: "application/json"
        },
        data: body,
        timeout: NOTIFY_TIMEOUT_MS,
        followRedirects: false
      });
      var last;
      request.on("complete", function (result, response) {
        try {
          if (finished || result === last || result === null && !response) return;
          last = result;
          var status = statusOf(response);
          if (status === null && attempts === 1 && typeof request.retry === "function") {
            attempts = 2;
            request.retry(RETRY_WAIT_MS);
            return;
          }
          finish(status, status === null ? "network-error" : void 0);
        } catch (_) {
          finish(null, "network-error");
        }
      });
      request.on("timeout", function () {
        return finish(null, "timeout");
      });
    } catch (_) {
      finish(null, "network-error");
    }
  }
  function statusOf(response) {
    return response && typeof response.statusCode === "number" ? response.statusCode : null;
  }
  function originOf(url) {
    var origin = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(url);
    return origin ? origin[0] : "";
  }

  // src/workflows/run.ts
  function runWorkflow(workflow, host, build, body) {
    var calls = [];
    var ended = false;
    var dryRun = isDryRunBlock(build.options);
    var email = "";
    var token = "";
    var accountKey;
    var accountNote = "";
    var appLicenseKeys = [];
    var notify;
    var finish = function (result) {
      try {
        if (isRecord(host.context)) host.context.ProvisioningResult = result;
      } finally {
        try {
          host.done(host.context);
        } catch (_) {}
      }
    };
    var end = function (outcome, message, details, failure) {
      if (ended) return;
      ended = true;
      var result = {
        workflow: workflow,
        outcome: outcome,
        ok: outcome !== "failed",
        message: message + accountNote,
        email: email,
        dryRun: dryRun,
        calls: calls,
        version: build.version
      };
      if (failure) result.error = failure.code;
      if (accountKey !== void 0) result.accountKey = accountKey;
      if (details.userKey !== void 0) result.userKey = details.userKey;
      if (details.licenseKeys !== void 0) result.licenseKeys = details.licenseKeys;
      var safe = redact(result, token);
      var target = notify && (notify.on === "all" || outcome === "failed") ? notify : void 0;
      var body2;
      try {
        if (target) body2 = noticeBody(safe, appLicenseKeys, target.format);
      } catch (_) {
        body2 = void 0;
      }
      if (target === void 0 || body2 === void 0) return finish(safe);
      try {
        if (isRecord(host.context)) host.context.ProvisioningResult = safe;
      } catch (_) {}
      sendNotification(host.rest, target.url, body2, function (record) {
        safe.notified = record;
        finish(safe);
      });
    };
    var fail = function (failure) {
      var details = arguments.length > 1 && arguments[1] !== undefined ? arguments[1] : {};
      return end("failed", failure.message, details, failure);
    };
    var crash = function (error) {
      return fail({
        code: "bad-response",
        message: "The script stopped on an unexpected " + describeCrash(error) + "; nothing further was sent. Please report this with the calls listed here."
      });
    };
    try {
      var checked = validateOptions(build.options, {
        workflow: workflow
      });
      notify = notifyTarget(build.options, checked, workflow);
      var reading = readContext(host.context);
      token = reading.accessToken;
      email = reading.kind === "ready" ? reading.settings.email : reading.email;
      if (reading.kind === "ready") appLicenseKeys = reading.settings.licenseKeys;
      if ("problems" in checked) {
        fail(invalidOptions(checked.problems));
        return;
      }
      var options2 = checked.options;
      dryRun = options2.dryRun;
      if (reading.kind === "disabled") {
        end("skipped", "Provisioning is disabled for this app (" + reading.reason + "); nothing was done.", {});
        return;
      }
      if (reading.kind === "invalid") {
        fail(invalidContext(reading.problem, "No GoTo call was made."));
        return;
      }
      var settings = reading.settings;
      var actsOnLicenseKeys = workflow === "provision" || options2.deprovisionMode === "remove-licenses";
      if (actsOnLicenseKeys && settings.licenseKeys.length === 0) {
        fail(noLicenseKeys());
        return;
      }
      var transport = createTransport({
        rest: host.rest,
        baseUrl: options2.apiBaseUrl,
        accessToken: settings.accessToken,
        maxRetries: options2.maxRetries,
        retryBudgetSeconds: options2.retryBudgetSeconds,
        record: function (call) {
          return calls.push(call);
        },
        crash: crash,
        ended: function () {
          return ended;
        }
      });
      var start = function (account) {
        accountKey = account;
        body({
          settings: settings,
          options: options2,
          api: connect(transport, account, options2.dryRun, calls),
          succeed: function (outcome, message) {
            var details = arguments.length > 2 && arguments[2] !== undefined ? arguments[2] : {};
            return end(outcome, message, details);
          },
          fail: fail
        });
      };
      var known = chooseAccount(options2.accountKey, settings.accountKey);
      if (known !== void 0) {
        start(known.key);
        return;
      }
      whoAmI(transport, function (reply) {
        if (!reply.ok) return fail(reply.failure);
        var _reply$value = reply.value,
          account = _reply$value.accountKey,
          accounts = _reply$value.accounts;
        if (accounts > 1) {
          accountNote = " GoTo account " + account + " was used: it is the connected admin's default of the " + accounts + " accounts they manage; set the accountKey build option to act in another.";
        }
        start(account);
      });
    } catch (error) {
      crash(error);
    }
  }
  function connect(transport, accountKey, dryRun, calls) {
    return {
      transport: transport,
      accountKey: accountKey,
      dryRun: dryRun,
      planned: function (request) {
        var call = {
          method: request.method,
          path: request.path,
          status: null,
          planned: true
        };
        if (request.body !== void 0) call.body = request.body;
        calls.push(call);
      },
      oneKeyPerCall: false
    };
  }
  function invalidContext(problem, consequence) {
    return {
      code: "invalid-context",
      message: "The workflow context cannot be used: " + problem + ". " + consequence
    };
  }
  function noLicenseKeys() {
    return invalidContext("Application.ApplicationSettings.Fields.ApplicationLicenses is empty; list the license keys this app hands out", "No GoTo call was made.");
  }
  function notifyTarget(raw, checked, workflow) {
    var options2 = "options" in checked ? checked.options : void 0;
    if (options2 === void 0 && isRecord(raw)) {
      var own = validateOptions({
        notifyUrl: raw.notifyUrl,
        notifyOn: raw.notifyOn,
        notifyFormat: raw.notifyFormat
      }, {
        workflow: workflow
      });
      if ("options" in own) options2 = own.options;
    }
    if (options2 === void 0 || options2.notifyUrl === null) return void 0;
    return {
      url: options2.notifyUrl,
      on: options2.notifyOn,
      format: options2.notifyFormat
    };
  }
  function invalidOptions(problems) {
    return {
      code: "invalid-options",
      message: "The script's options cannot be used: " + problems.join("; ") + ". Correct the options block at the top of the script (README, Tailoring without Node); no GoTo call was made."
    };
  }
  function isDryRunBlock(options2) {
    return isRecord(options2) && options2.dryRun === true;
  }
  function describeCrash(error) {
    var message = isRecord(error) && typeof error.message === "string" ? error.message : String(error);
    return "error (" + (message.length > 160 ? message.slice(0, 160) + "\u2026" : message) + ")";
  }

  // src/entries/deprovisioning.ts
  var options = typeof GOTO_OPTIONS === "undefined" ? void 0 : GOTO_OPTIONS;
  runWorkflow("deprovision", {
    context: context,
    rest: rest,
    done: done
  }, {
    version: version,
    options: options
  }, deprovision);
})();
})();
