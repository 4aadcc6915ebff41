/*
 * GoToMeeting provisioning for Matrix42 MyWorkspace, version 1.0.0
 *
 * Paste this whole file into the MyWorkspace workflow editor, on the workflow for
 * "User assigned to Application" of each GoToMeeting license-tier app.
 * It uses only the host's context, rest and done, and ends by calling done(context) once with
 * context.ProvisioningResult set. Built from TypeScript sources; do not edit by hand.
 *
 * Options:
 *   deprovisionMode: "remove-licenses"
 *   welcomeEmail: "goto-default"
 *   locale: "en_US"
 *   maxRetries: 3
 *   dryRun: false
 *   apiBaseUrl: "https://api.getgo.com/admin/rest/v1"
 */
"use strict";
(() => {
  // build-info:virtual:build-info
  var buildInfo = {
    "version": "1.0.0",
    "options": {
      "deprovisionMode": "remove-licenses",
      "welcomeEmail": "goto-default",
      "locale": "en_US",
      "maxRetries": 3,
      "dryRun": false,
      "apiBaseUrl": "https://api.getgo.com/admin/rest/v1"
    }
  };

  // src/common/lossless-json.ts
  var AT_RISK_DIGITS = 16;
  function parseJsonLossless(text) {
    return JSON.parse(quoteLongIntegers(text));
  }
  function quoteLongIntegers(text) {
    let out = "";
    let i = 0;
    while (i < text.length) {
      const ch = text.charAt(i);
      if (ch === '"') {
        const end = endOfString(text, i);
        out += text.slice(i, end);
        i = end;
      } else if (ch === "-" || isDigit(ch)) {
        const end = endOfNumber(text, i);
        const literal = text.slice(i, end);
        out += /^-?\d+$/.test(literal) && literal.replace("-", "").length >= AT_RISK_DIGITS ? `"${literal}"` : literal;
        i = end;
      } else {
        out += ch;
        i += 1;
      }
    }
    return out;
  }
  function endOfString(text, start) {
    let i = start + 1;
    while (i < text.length) {
      const ch = text.charAt(i);
      if (ch === "\\") i += 2;
      else if (ch === '"') return i + 1;
      else i += 1;
    }
    return text.length;
  }
  function endOfNumber(text, start) {
    let i = start + 1;
    while (i < text.length && /[0-9eE.+-]/.test(text.charAt(i))) i += 1;
    return i;
  }
  function isDigit(ch) {
    return ch >= "0" && ch <= "9";
  }

  // src/common/values.ts
  var PLAIN_TOKEN = /^[A-Za-z0-9]+$/;
  function keyText(value) {
    if (typeof value === "number") {
      return Number.isSafeInteger(value) && value >= 0 ? String(value) : void 0;
    }
    return typeof value === "string" && PLAIN_TOKEN.test(value) ? value : void 0;
  }
  function isRecord(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
  }

  // src/host/context.ts
  var UNSAFE_EMAIL_CHARS = /["()/\\\s\u0000-\u001f\u007f]/;
  function readContext(ctx) {
    if (!isRecord(ctx)) {
      return {
        kind: "invalid",
        email: "",
        problem: "the workflow context is missing or not an object"
      };
    }
    const user = isRecord(ctx.ProvisionedUser) ? ctx.ProvisionedUser : {};
    const email = typeof user.MailAddress === "string" ? user.MailAddress : "";
    const fields = appFields(ctx);
    if (fields.EnableAccountProvisioning !== true) {
      return { kind: "disabled", email, reason: describeDisabled(fields.EnableAccountProvisioning) };
    }
    const emailProblem = checkEmail(user.MailAddress);
    if (emailProblem) return { kind: "invalid", email, problem: emailProblem };
    const oauth = readOAuthConfiguration(ctx.OAuth2ProtocolConfiguration);
    if (typeof oauth === "string") return { kind: "invalid", email, problem: oauth };
    const licenses = readLicenseKeys(fields.ApplicationLicenses);
    if (typeof licenses === "string") return { kind: "invalid", email, problem: licenses };
    return {
      kind: "ready",
      settings: {
        email,
        accountKey: oauth.accountKey,
        accessToken: oauth.accessToken,
        licenseKeys: licenses,
        firstName: user.FirstName,
        lastName: user.LastName
      }
    };
  }
  function accessTokenIn(ctx) {
    const fields = isRecord(ctx) ? oauthFields(ctx.OAuth2ProtocolConfiguration) : void 0;
    return isRecord(fields) && typeof fields.access_token === "string" ? fields.access_token : "";
  }
  function newUserNames(settings) {
    for (const [field, value] of [
      ["FirstName", settings.firstName],
      ["LastName", settings.lastName]
    ]) {
      if (typeof value !== "string" || value.trim() === "") {
        return {
          problem: `ProvisionedUser.${field} is ${describeValue(value)}; GoTo needs a first and last name to create a user`
        };
      }
    }
    return {
      firstName: String(settings.firstName).trim(),
      lastName: String(settings.lastName).trim()
    };
  }
  function appFields(ctx) {
    const app = isRecord(ctx.Application) ? ctx.Application : {};
    const appSettings = isRecord(app.ApplicationSettings) ? app.ApplicationSettings : {};
    return isRecord(appSettings.Fields) ? appSettings.Fields : {};
  }
  function describeDisabled(flag) {
    if (flag === false) return "EnableAccountProvisioning is false";
    if (flag === void 0) return "EnableAccountProvisioning is not set";
    return `EnableAccountProvisioning is ${describeValue(flag)}, and only the boolean true enables it`;
  }
  function checkEmail(value) {
    if (typeof value !== "string" || value === "") {
      return `ProvisionedUser.MailAddress is ${describeValue(value)}; an email address is required`;
    }
    if (value.length > 254) return "ProvisionedUser.MailAddress is longer than 254 characters";
    const unsafe = UNSAFE_EMAIL_CHARS.exec(value);
    if (unsafe) {
      return `ProvisionedUser.MailAddress contains ${describeChar(unsafe[0])}, which an email address used here may not contain`;
    }
    const at = value.indexOf("@");
    if (at <= 0 || at !== value.lastIndexOf("@") || at === value.length - 1) {
      return `ProvisionedUser.MailAddress "${value}" is not an email address (it needs one @ between a name and a domain)`;
    }
    return void 0;
  }
  var OAUTH_FIELD = "OAuth2ProtocolConfiguration";
  function oauthFields(value) {
    if (typeof value !== "string") {
      return `${OAUTH_FIELD} is ${describeValue(value)}; it must be a JSON string with account_key and access_token`;
    }
    let parsed;
    try {
      parsed = parseJsonLossless(value);
    } catch (_) {
      return `${OAUTH_FIELD} is not valid JSON; it must be a JSON string with account_key and access_token`;
    }
    return isRecord(parsed) ? parsed : `${OAUTH_FIELD} is not a JSON object with account_key and access_token`;
  }
  function readOAuthConfiguration(value) {
    const fields = oauthFields(value);
    if (typeof fields === "string") return fields;
    const accessToken = fields.access_token;
    if (typeof accessToken !== "string" || accessToken.trim() === "") {
      return `${OAUTH_FIELD} has no access_token; connect the app to GoTo again so MyWorkspace stores a token`;
    }
    const accountKey = keyText(fields.account_key);
    if (accountKey === void 0) {
      return `${OAUTH_FIELD} has no usable account_key (digits or letters); add your GoTo account key to the app's OAuth configuration`;
    }
    return { accountKey, accessToken };
  }
  function readLicenseKeys(value) {
    const field = "Application.ApplicationSettings.Fields.ApplicationLicenses";
    let items;
    if (value === void 0 || value === null) items = [];
    else if (Array.isArray(value)) items = value;
    else if (typeof value === "string") items = value.split(",");
    else if (typeof value === "number") items = [value];
    else return `${field} is ${describeValue(value)}; it must be a list of license keys`;
    const keys = [];
    for (const item of items) {
      const text = typeof item === "string" ? item.trim() : item;
      if (text === "" && typeof value === "string") continue;
      const key = keyText(text);
      if (key === void 0) {
        return typeof item === "number" ? `${field} holds the number ${String(item)}, which is too large to be exact; enter license keys as text` : `${field} holds ${describeValue(item)}, which is not a license key (digits and letters only)`;
      }
      if (keys.indexOf(key) < 0) keys.push(key);
    }
    return keys;
  }
  function describeValue(value) {
    if (value === void 0) return "missing";
    if (value === null) return "null";
    if (typeof value === "string") {
      return value.trim() === "" ? "blank" : `the string "${truncate(value)}"`;
    }
    if (Array.isArray(value)) return "a list";
    return `of type ${typeof value}`;
  }
  function describeChar(ch) {
    if (/\s/.test(ch)) return "whitespace";
    if (ch < " " || ch === "") return "a control character";
    return `the character ${ch}`;
  }
  function truncate(text) {
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  }

  // src/workflows/find-user.ts
  function findUser(run, found) {
    const email = run.settings.email;
    run.client.findUsersByEmail(email, (reply) => {
      if (!reply.ok) return run.fail(reply.failure);
      const users = reply.value;
      if (users.length > 1) {
        return run.fail({
          code: "ambiguous-user",
          message: `${users.length} GoTo users of this account have the email ${email} (keys ${users.map((user) => user.key).join(
            ", "
          )}); nothing was changed. Remove the duplicate in GoTo Admin Center, then run the workflow again.`
        });
      }
      found(users[0]);
    });
  }

  // src/workflows/read-back.ts
  function readBack(run, decide) {
    let count = 0;
    let pending;
    return {
      unconfirmed: () => pending,
      afterFailedWrite(reply, outcome) {
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

  // src/goto/transport.ts
  var FIRST_RETRY_DELAY_MS = 1e3;
  var MAX_RETRY_AFTER_SECONDS = 60;
  function createTransport(config) {
    return {
      send(request, onAnswer) {
        if (config.ended()) return;
        const pending = startRequest(config, request);
        let retries = 0;
        let settled = false;
        const handled = [];
        pending.on("complete", (result, response) => {
          try {
            const attempt = response || result;
            if (settled || config.ended() || !attempt || handled.indexOf(attempt) >= 0) return;
            handled.push(attempt);
            const answer = readAnswer(result, response, retries);
            config.record({
              method: request.method,
              path: request.path,
              status: answer.kind === "response" ? answer.status : null
            });
            const delay = retryDelay(answer, request.method, retries, config.maxRetries);
            if (delay !== void 0 && typeof pending.retry === "function") {
              retries += 1;
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
    const headers = {
      Authorization: `Bearer ${config.accessToken}`,
      Accept: "application/json"
    };
    const options = { headers };
    if (request.body !== void 0) {
      headers["Content-Type"] = "application/json";
      options.data = JSON.stringify(request.body);
    }
    const url = config.baseUrl + request.path;
    if (request.method === "GET") return config.rest.get(url, options);
    if (request.method === "POST") return config.rest.post(url, options);
    return config.rest.del(url, options);
  }
  function retryDelay(answer, method, retries, maxRetries) {
    const retryable = answer.kind === "no-response" ? method === "GET" : answer.status === 429 || method === "GET" && isGatewayStatus(answer.status);
    if (!retryable || retries >= maxRetries) return void 0;
    const asked = answer.kind === "response" ? answer.retryAfterSeconds : void 0;
    if (asked !== void 0 && asked > MAX_RETRY_AFTER_SECONDS) return void 0;
    const backoff = FIRST_RETRY_DELAY_MS * Math.pow(2, retries);
    return asked === void 0 ? backoff : Math.max(backoff, asked * 1e3);
  }
  function isGatewayStatus(status) {
    return status === 502 || status === 503 || status === 504;
  }
  function readAnswer(result, response, retries) {
    const status = response ? response.statusCode : void 0;
    if (!response || typeof status !== "number") {
      return { kind: "no-response", error: describeError(result), retries };
    }
    const answer = { kind: "response", status, body: readBody(result, response), retries };
    const retryAfter = retryAfterSeconds(response);
    if (retryAfter !== void 0) answer.retryAfterSeconds = retryAfter;
    return answer;
  }
  function readBody(result, response) {
    if (response.raw !== void 0 && response.raw !== null)
      return bodyFromText(String(response.raw));
    if (typeof result === "string") return bodyFromText(result);
    if (result === null || result === void 0) return { kind: "empty" };
    if (isError(result)) return { kind: "text", text: describeError(result) };
    return { kind: "json", value: result };
  }
  function bodyFromText(text) {
    if (text.trim() === "") return { kind: "empty" };
    try {
      return { kind: "json", value: parseJsonLossless(text) };
    } catch (_) {
      return { kind: "text", text };
    }
  }
  function retryAfterSeconds(response) {
    const header = response.headers ? response.headers["retry-after"] : void 0;
    const value = Array.isArray(header) ? header[0] : header;
    if (typeof value !== "string" || value.trim() === "") return void 0;
    if (/^\s*\d+\s*$/.test(value)) return parseInt(value, 10);
    const date = Date.parse(value);
    return Number.isNaN(date) ? void 0 : Math.max(0, Math.ceil((date - Date.now()) / 1e3));
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
  function failureOf(answer, doing) {
    if (answer.kind === "no-response") {
      return {
        code: "network-error",
        message: `GoTo did not answer (${answer.error}) while ${doing}${afterRetries(answer.retries)}; check the network path to the GoTo API and run the workflow again.`
      };
    }
    const status = answer.status;
    const detail = errorDetail(answer);
    if (status === 401) {
      return {
        code: "unauthorized",
        message: `GoTo rejected the access token (401${detail}) while ${doing}: it has expired or lacks the Admin Center (identity:) scope; reconnect the app's OAuth configuration.`
      };
    }
    if (status === 403) {
      return {
        code: "forbidden",
        message: `GoTo refused the request (403${detail}) while ${doing}: the connected GoTo admin lacks the right to manage users and licenses, or the account key is not theirs.`
      };
    }
    if (status === 429) {
      const wait = answer.retryAfterSeconds !== void 0 && answer.retryAfterSeconds > MAX_RETRY_AFTER_SECONDS ? ` and asked to wait ${answer.retryAfterSeconds} s` : "";
      return {
        code: "rate-limited",
        message: `GoTo kept rate-limiting the requests (429${detail})${wait} while ${doing}${afterRetries(answer.retries)}; run the workflow again later.`
      };
    }
    if (status >= 400 && mentionsSeats(answer)) {
      return {
        code: "no-seats",
        message: `GoTo reports no free seat (${status}${detail}) while ${doing}; free a seat or add seats to the license, then run the workflow again.`
      };
    }
    const retried = isGatewayStatus(status) ? afterRetries(answer.retries) : "";
    return {
      code: "api-error",
      message: `GoTo answered ${status}${detail} while ${doing}${retried}.`
    };
  }
  function badResponse(answer, doing, expected) {
    const status = answer.kind === "response" ? ` (${answer.status})` : "";
    return {
      code: "bad-response",
      message: `GoTo's answer${status} while ${doing} was not ${expected}${bodySnippet(answer)}.`
    };
  }
  function afterRetries(retries) {
    if (retries === 0) return "";
    return retries === 1 ? ", after 1 retry" : `, after ${retries} retries`;
  }
  function errorDetail(answer) {
    const error = gotoError(answer);
    const parts = [];
    if (error.code) parts.push(`code ${error.code}`);
    if (error.incidentId) parts.push(`incident ${error.incidentId}`);
    if (parts.length > 0) return `, ${parts.join(", ")}`;
    if (answer.kind === "response" && answer.body.kind === "empty") return "";
    return bodySnippet(answer).replace(/^: /, ", ");
  }
  function gotoError(answer) {
    if (answer.kind !== "response" || answer.body.kind !== "json" || !isRecord(answer.body.value)) {
      return {};
    }
    const body = answer.body.value;
    const found = {};
    if (typeof body.incidentId === "string" && body.incidentId !== "") {
      found.incidentId = body.incidentId;
    }
    const errors = body.errors;
    const first = Array.isArray(errors) ? errors[0] : void 0;
    if (isRecord(first)) {
      if (typeof first.code === "string") found.code = first.code;
      if (typeof first.value === "string") found.value = first.value;
    }
    return found;
  }
  function mentionsSeats(answer) {
    const error = gotoError(answer);
    const said = `${error.code || ""} ${error.value || ""}`;
    return /seat|out[ ._-]?of[ ._-]?licen[cs]e/i.test(said);
  }
  function bodySnippet(answer) {
    if (answer.kind !== "response" || answer.body.kind === "empty") return ": the body was empty";
    const text = answer.body.kind === "text" ? answer.body.text : JSON.stringify(answer.body.value) || "";
    const plain = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
    return `: "${plain.length > 120 ? `${plain.slice(0, 120)}…` : plain}"`;
  }

  // src/goto/filter.ts
  function emailFilter(email) {
    const pattern = `(?i)${email.replace(/[\\^$.|?*+()[\]{}]/g, ".")}`;
    return `(email="${email}") | (email="${pattern}")`;
  }
  function sameEmail(a, b) {
    return a.toLowerCase() === b.toLowerCase();
  }

  // src/goto/client.ts
  var PAGE_SIZE = 100;
  var MAX_PAGES = 20;
  function createGotoClient(config) {
    const account = `/accounts/${encodeURIComponent(config.accountKey)}`;
    const licensePath = (licenseKeys, userKey) => `${account}/licenses/${licenseKeys.map(encodeURIComponent).join(",")}/users/${encodeURIComponent(userKey)}`;
    const changeLicenses = (method, describe) => (licenseKeys, userKey, callback) => {
      const doing = describe(licenseKeys.join(", "), userKey);
      write(
        { method, path: licensePath(licenseKeys, userKey) },
        void 0,
        callback,
        (answer) => isSuccess(answer) ? { ok: true, value: void 0 } : failedWrite(answer, doing)
      );
    };
    function write(request, plannedValue, callback, read) {
      if (config.dryRun) {
        config.planned(request);
        callback({ ok: true, value: plannedValue });
        return;
      }
      config.transport.send(request, (answer) => callback(read(answer)));
    }
    return {
      findUsersByEmail(email, callback) {
        const filter = encodeURIComponent(emailFilter(email));
        const matches = [];
        const doing = `looking up ${email}`;
        const readPage = (offset, page) => {
          const path = `${account}/users?filter=${filter}&offset=${offset}&pageSize=${PAGE_SIZE}`;
          config.transport.send({ method: "GET", path }, (answer) => {
            const read = readUserPage(answer, email, doing);
            if (!read.ok) return callback(read);
            for (const user of read.value.matches) matches.push(user);
            const next = offset + read.value.size;
            if (read.value.size === 0 || next >= read.value.total) {
              return callback({ ok: true, value: matches });
            }
            if (page + 1 >= MAX_PAGES) {
              return callback(failed(badResponse(answer, doing, `at most ${MAX_PAGES} pages`)));
            }
            readPage(next, page + 1);
          });
        };
        readPage(0, 0);
      },
      createUser(user, welcome, callback) {
        const body = {
          users: [
            {
              email: user.email,
              firstName: user.firstName,
              lastName: user.lastName,
              locale: user.locale
            }
          ],
          licenseKeys: user.licenseKeys
        };
        if (welcome === "suppress") body.suppressEmail = true;
        else if (welcome !== "goto-default") body.emailContent = welcome;
        const doing = `creating ${user.email}`;
        const request = { method: "POST", path: `${account}/users`, body };
        write(request, { created: true }, callback, (answer) => {
          if (answer.kind === "response" && answer.status === 409) {
            const failure = failureOf(answer, doing);
            return failure.code === "no-seats" ? failed(failure) : { ok: true, value: { created: false } };
          }
          if (!isSuccess(answer)) return failedWrite(answer, doing);
          return readCreated(answer, user.email, doing);
        });
      },
      assignLicenses: changeLicenses(
        "POST",
        (keys, user) => `assigning licenses ${keys} to user ${user}`
      ),
      removeLicenses: changeLicenses(
        "DELETE",
        (keys, user) => `removing licenses ${keys} from user ${user}`
      ),
      deleteUser(userKey, callback) {
        const doing = `deleting user ${userKey}`;
        const path = `${account}/users/${encodeURIComponent(userKey)}`;
        write({ method: "DELETE", path }, true, callback, (answer) => {
          if (isSuccess(answer)) return { ok: true, value: true };
          if (answer.kind === "response" && answer.status === 404) return { ok: true, value: false };
          return failedWrite(answer, doing);
        });
      }
    };
  }
  function isSuccess(answer) {
    return answer.kind === "response" && answer.status >= 200 && answer.status < 300;
  }
  function failed(failure) {
    return { ok: false, failure, uncertain: false };
  }
  function failedWrite(answer, doing) {
    const uncertain = answer.kind === "no-response" || isGatewayStatus(answer.status);
    return { ok: false, failure: failureOf(answer, doing), uncertain };
  }
  function readUserPage(answer, email, doing) {
    if (answer.kind === "response" && answer.status === 404 && gotoError(answer).code === "user.not.found") {
      return { ok: true, value: { matches: [], size: 0, total: 0 } };
    }
    if (!isSuccess(answer)) return failed(failureOf(answer, doing));
    const body = answer.kind === "response" && answer.body.kind === "json" ? answer.body.value : null;
    if (!isRecord(body) || !Array.isArray(body.results)) {
      return failed(badResponse(answer, doing, "a list of users"));
    }
    const results = body.results;
    const matches = [];
    for (const entry of results) {
      if (!isRecord(entry) || typeof entry.email !== "string" || !sameEmail(entry.email, email)) {
        continue;
      }
      const key = keyText(entry.key);
      const held = Array.isArray(entry.licenseKeys) ? entry.licenseKeys : [];
      const licenseKeys = held.map(keyText);
      if (key === void 0 || licenseKeys.some((licenseKey) => licenseKey === void 0)) {
        return failed(badResponse(answer, doing, "a user with exact keys"));
      }
      matches.push({ key, email: entry.email, licenseKeys });
    }
    const total = typeof body.total === "number" ? body.total : results.length;
    return { ok: true, value: { matches, size: results.length, total } };
  }
  function readCreated(answer, email, doing) {
    const body = answer.kind === "response" && answer.body.kind === "json" ? answer.body.value : null;
    const entries = Array.isArray(body) ? body : [];
    for (const entry of entries) {
      if (!isRecord(entry) || typeof entry.email !== "string" || !sameEmail(entry.email, email)) {
        continue;
      }
      if (entry.key === void 0 || entry.key === null)
        return { ok: true, value: { created: false } };
      const userKey = keyText(entry.key);
      if (userKey === void 0)
        return failed(badResponse(answer, doing, "a user with an exact key"));
      return { ok: true, value: { created: true, userKey } };
    }
    return {
      ok: false,
      failure: badResponse(answer, doing, `a list with an entry for ${email}`),
      uncertain: true
    };
  }

  // src/workflows/run.ts
  var MIN_REDACTED_TOKEN_LENGTH = 8;
  function runWorkflow(workflow, host, build, body) {
    const calls = [];
    let ended = false;
    let email = "";
    let token = "";
    const end = (outcome, message, details, failure) => {
      if (ended) return;
      ended = true;
      const result = {
        workflow,
        outcome,
        ok: outcome !== "failed",
        message,
        email,
        dryRun: build.options.dryRun,
        calls,
        version: build.version
      };
      if (failure) result.error = failure.code;
      if (details.userKey !== void 0) result.userKey = details.userKey;
      if (details.licenseKeys !== void 0) result.licenseKeys = details.licenseKeys;
      try {
        if (isRecord(host.context)) host.context.ProvisioningResult = redact(result, token);
      } finally {
        try {
          host.done(host.context);
        } catch (_) {
        }
      }
    };
    const fail = (failure, details = {}) => end("failed", failure.message, details, failure);
    const crash = (error) => fail({
      code: "bad-response",
      message: `The script stopped on an unexpected ${describeCrash(error)}; nothing further was sent. Please report this with the calls listed here.`
    });
    try {
      token = accessTokenIn(host.context);
      const reading = readContext(host.context);
      email = reading.kind === "ready" ? reading.settings.email : reading.email;
      if (reading.kind === "disabled") {
        end(
          "skipped",
          `Provisioning is disabled for this app (${reading.reason}); nothing was done.`,
          {}
        );
        return;
      }
      if (reading.kind === "invalid") {
        fail(invalidContext(reading.problem, "No GoTo call was made."));
        return;
      }
      const settings = reading.settings;
      const transport = createTransport({
        rest: host.rest,
        baseUrl: build.options.apiBaseUrl,
        accessToken: settings.accessToken,
        maxRetries: build.options.maxRetries,
        record: (call) => calls.push(call),
        crash,
        ended: () => ended
      });
      const client = createGotoClient({
        transport,
        accountKey: settings.accountKey,
        dryRun: build.options.dryRun,
        planned: (request) => calls.push({ method: request.method, path: request.path, status: null, planned: true })
      });
      body({
        settings,
        options: build.options,
        client,
        succeed: (outcome, message, details = {}) => end(outcome, message, details),
        fail
      });
    } catch (error) {
      crash(error);
    }
  }
  function invalidContext(problem, consequence) {
    return {
      code: "invalid-context",
      message: `The workflow context cannot be used: ${problem}. ${consequence}`
    };
  }
  function noLicenseKeys() {
    return invalidContext(
      "Application.ApplicationSettings.Fields.ApplicationLicenses is empty; list the license keys this app hands out",
      "No GoTo call was made."
    );
  }
  function describeCrash(error) {
    const message = isRecord(error) && typeof error.message === "string" ? error.message : String(error);
    return `error (${message.length > 160 ? `${message.slice(0, 160)}…` : message})`;
  }
  function redact(value, token) {
    if (token.length < MIN_REDACTED_TOKEN_LENGTH) return value;
    const scrub = (item) => {
      if (typeof item === "string") return item.split(token).join("[redacted]");
      if (Array.isArray(item)) return item.map(scrub);
      if (isRecord(item)) {
        const copy = {};
        for (const name of Object.keys(item)) copy[name] = scrub(item[name]);
        return copy;
      }
      return item;
    };
    return scrub(value);
  }

  // src/workflows/provision.ts
  function provision(run) {
    const { settings, options, client } = run;
    const { email, licenseKeys } = settings;
    const dry = options.dryRun;
    if (licenseKeys.length === 0) {
      run.fail(noLicenseKeys());
      return;
    }
    const decide = () => findUser(run, (user) => {
      if (user) license(user);
      else create();
    });
    const lost = readBack(run, decide);
    const create = () => {
      const names = newUserNames(settings);
      if ("problem" in names) {
        return run.fail(invalidContext(names.problem, "Nothing was changed."));
      }
      const user = {
        email,
        firstName: names.firstName,
        lastName: names.lastName,
        locale: options.locale,
        licenseKeys
      };
      client.createUser(user, options.welcomeEmail, (reply) => {
        if (!reply.ok) return lost.afterFailedWrite(reply, "created");
        if (!reply.value.created) return afterConflict();
        const userKey = reply.value.userKey;
        run.succeed(
          "created",
          dry ? `Dry run: would create GoTo user ${email} with licenses ${licenseKeys.join(", ")}; nothing was changed.` : `Created GoTo user ${email} (key ${userKey}) with licenses ${licenseKeys.join(", ")}.`,
          userKey === void 0 ? { licenseKeys } : { userKey, licenseKeys }
        );
      });
    };
    const afterConflict = () => findUser(run, (user) => {
      if (user) return license(user);
      run.fail({
        code: "other-account",
        message: `GoTo already has a user with the email ${email}, but not in this account; nothing was changed. Ask the user to leave the other GoTo account, or remove them from it, then run the workflow again.`
      });
    });
    const license = (user) => {
      const missing = licenseKeys.filter((key) => user.licenseKeys.indexOf(key) < 0);
      if (missing.length === 0) {
        const outcome = lost.unconfirmed() || "unchanged";
        return run.succeed(
          outcome,
          outcome === "unchanged" ? `GoTo user ${email} (key ${user.key}) already holds licenses ${licenseKeys.join(", ")}; nothing was changed.` : `GoTo user ${email} (key ${user.key}) holds licenses ${licenseKeys.join(", ")}: the ${lost.unconfirmed() === "created" ? "creation" : "assignment"} went through although its answer was lost.`,
          { userKey: user.key, licenseKeys: outcome === "unchanged" ? [] : licenseKeys }
        );
      }
      client.assignLicenses(missing, user.key, (reply) => {
        if (!reply.ok) return lost.afterFailedWrite(reply, "licensed");
        run.succeed(
          lost.unconfirmed() || "licensed",
          dry ? `Dry run: would assign licenses ${missing.join(", ")} to GoTo user ${email} (key ${user.key}); nothing was changed.` : `Assigned licenses ${missing.join(", ")} to GoTo user ${email} (key ${user.key}).`,
          { userKey: user.key, licenseKeys: missing }
        );
      });
    };
    decide();
  }

  // src/entries/provisioning.ts
  runWorkflow("provision", { context, rest, done }, buildInfo, provision);
})();
