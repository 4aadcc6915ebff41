/*
 * GoToMeeting provisioning for Matrix42 MyWorkspace, version 1.0.0
 *
 * Paste this whole file into the MyWorkspace workflow editor, on the workflow for
 * "User assigned to Application" of each GoToMeeting license-tier app.
 * It uses only the host's context, rest and done, and ends by calling done(context) once with
 * context.ProvisioningResult set. Built from TypeScript sources; do not edit by hand.
 *
 * Options:
 *   welcomeEmail: "goto-default"
 *   locale: "en_US"
 *   maxRetries: 3
 *   retryBudgetSeconds: 180
 *   dryRun: false
 *   apiBaseUrl: "https://api.getgo.com/admin/rest/v1"
 *   accountKey: null
 *
 * SHA-256 of everything after this comment:
 *   b34e876f5014b1ab83cee317becd1bbe1d71b7157bf192131529281afc06ef03
 * check a copy: sed '1,/^ \*\/$/d' FILE | sha256sum   (macOS: shasum -a 256)
 */
"use strict";
(() => {
  var __defProp = Object.defineProperty;
  var __getOwnPropSymbols = Object.getOwnPropertySymbols;
  var __hasOwnProp = Object.prototype.hasOwnProperty;
  var __propIsEnum = Object.prototype.propertyIsEnumerable;
  var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
  var __spreadValues = (a, b) => {
    for (var prop in b || (b = {}))
      if (__hasOwnProp.call(b, prop))
        __defNormalProp(a, prop, b[prop]);
    if (__getOwnPropSymbols)
      for (var prop of __getOwnPropSymbols(b)) {
        if (__propIsEnum.call(b, prop))
          __defNormalProp(a, prop, b[prop]);
      }
    return a;
  };

  // build-info:virtual:build-info
  var buildInfo = {
    "version": "1.0.0",
    "options": {
      "deprovisionMode": "remove-licenses",
      "welcomeEmail": "goto-default",
      "locale": "en_US",
      "maxRetries": 3,
      "retryBudgetSeconds": 180,
      "dryRun": false,
      "apiBaseUrl": "https://api.getgo.com/admin/rest/v1",
      "accountKey": null
    }
  };

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
  function accountKeyText(value) {
    const key = keyText(value);
    return key !== void 0 && /^\d+$/.test(key) ? key : void 0;
  }

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

  // src/goto/backoff.ts
  var FIRST_CEILING_MS = 1e3;
  var MAX_CEILING_MS = 1e4;
  var MIN_WAIT_MS = 100;
  function nextWait(plan, random = Math.random) {
    const remaining = plan.budgetMs - plan.waitedMs;
    const floor = plan.retryAfterSeconds === void 0 ? 0 : plan.retryAfterSeconds * 1e3;
    if (floor > remaining) return { kind: "give-up", retryAfterTooLong: true };
    if (remaining < MIN_WAIT_MS) return { kind: "give-up", retryAfterTooLong: false };
    const ceiling = Math.min(MAX_CEILING_MS, FIRST_CEILING_MS * Math.pow(2, plan.retries));
    const jittered = MIN_WAIT_MS + Math.floor(random() * (ceiling - MIN_WAIT_MS));
    return { kind: "wait", ms: Math.min(remaining, Math.max(floor, jittered)) };
  }

  // src/goto/transport.ts
  function createTransport(config) {
    let waitedMs = 0;
    return {
      send(request, onAnswer) {
        if (config.ended()) return;
        const pending = startRequest(config, request);
        let retries = 0;
        let otherRetries = 0;
        let settled = false;
        const handled = [];
        pending.on("complete", (result, response) => {
          try {
            const attempt = response || result;
            if (settled || config.ended() || !attempt || handled.indexOf(attempt) >= 0) return;
            handled.push(attempt);
            const answer = readAnswer(result, response, retries, waitedMs);
            config.record({
              method: request.method,
              path: request.path,
              status: answer.kind === "response" ? answer.status : null
            });
            const delay = retryDelay(answer, request.method, otherRetries, config);
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
  function retryDelay(answer, method, otherRetries, config) {
    const rateLimited = answer.kind === "response" && answer.status === 429;
    const retryable = answer.kind === "no-response" ? method === "GET" : rateLimited || method === "GET" && isGatewayStatus(answer.status);
    if (!retryable || !rateLimited && otherRetries >= config.maxRetries) return void 0;
    const asked = answer.kind === "response" ? answer.retryAfterSeconds : void 0;
    const wait = nextWait(__spreadValues({
      retries: answer.retries,
      waitedMs: answer.waitedMs,
      budgetMs: config.retryBudgetSeconds * 1e3
    }, asked === void 0 ? {} : { retryAfterSeconds: asked }));
    if (wait.kind === "wait") return wait.ms;
    if (wait.retryAfterTooLong && answer.kind === "response") answer.retryAfterTooLong = true;
    return void 0;
  }
  function isGatewayStatus(status) {
    return status === 502 || status === 503 || status === 504;
  }
  function readAnswer(result, response, retries, waitedMs) {
    const status = response ? response.statusCode : void 0;
    if (!response || typeof status !== "number") {
      return { kind: "no-response", error: describeError(result), retries, waitedMs };
    }
    const body = readBody(result, response);
    const answer = { kind: "response", status, body, retries, waitedMs };
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
  function failureOf(answer, doing, forbidden) {
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
        message: `GoTo refused the request (403${detail}) while ${doing}: ${forbidden || "the connected GoTo admin lacks the right to manage users and licenses, or the account key is not theirs"}.`
      };
    }
    if (status === 429) {
      const wait = answer.retryAfterTooLong ? ` and asked to wait ${answer.retryAfterSeconds} s` : "";
      const waited = answer.retries > 0 ? ` (${Math.round(answer.waitedMs / 1e3)} s waited in this run)` : "";
      return {
        code: "rate-limited",
        message: `GoTo kept rate-limiting the requests (429${detail})${wait} while ${doing}${afterRetries(answer.retries)}${waited}; run the workflow again later.`
      };
    }
    if (status >= 400 && mentionsSeats(answer)) return noSeats(answer, doing);
    const retried = isGatewayStatus(status) ? afterRetries(answer.retries) : "";
    return {
      code: "api-error",
      message: `GoTo answered ${status}${detail} while ${doing}${retried}.`
    };
  }
  function noSeats(answer, doing) {
    const status = answer.kind === "response" ? answer.status : 0;
    return {
      code: "no-seats",
      message: `GoTo reports no free seat (${status}${errorDetail(answer)}) while ${doing}; free a seat or add seats to the license, then run the workflow again.`
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

  // src/goto/client.ts
  function accountPath(api, rest2) {
    return `/accounts/${encodeURIComponent(api.accountKey)}${rest2}`;
  }
  function write(api, request, plannedValue, callback, read) {
    if (api.dryRun) {
      api.planned(request);
      callback({ ok: true, value: plannedValue });
      return;
    }
    api.transport.send(request, (answer) => callback(read(answer)));
  }
  function isSuccess(answer) {
    return answer.kind === "response" && answer.status >= 200 && answer.status < 300;
  }
  function jsonBody(answer) {
    return answer.kind === "response" && answer.body.kind === "json" ? answer.body.value : null;
  }
  function failed(failure) {
    return { ok: false, failure, uncertain: false };
  }
  function failedWrite(answer, doing) {
    return { ok: false, failure: failureOf(answer, doing), uncertain: mayHaveGoneThrough(answer) };
  }
  function mayHaveGoneThrough(answer) {
    return answer.kind === "no-response" || isGatewayStatus(answer.status);
  }

  // src/goto/filter.ts
  function emailFilter(email) {
    return `(email="${email}") | (email="${caseInsensitivePattern(email)}")`;
  }
  function caseInsensitivePattern(email) {
    return `(?i)${email.replace(/[\\^$.|?*+()[\]{}]/g, ".")}`;
  }
  function sameEmail(a, b) {
    return a.toLowerCase() === b.toLowerCase();
  }

  // src/goto/create-user.ts
  function createUser(api, user, welcome, callback) {
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
    const request = { method: "POST", path: accountPath(api, "/users"), body };
    write(api, request, { created: true }, callback, (answer) => {
      if (answer.kind === "response" && answer.status === 409) {
        const failure = failureOf(answer, doing);
        return failure.code === "no-seats" ? failed(failure) : { ok: true, value: { created: false } };
      }
      if (!isSuccess(answer)) return failedWrite(answer, doing);
      return readCreated(answer, user.email, doing);
    });
  }
  function readCreated(answer, email, doing) {
    const body = jsonBody(answer);
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

  // src/goto/licenses.ts
  var JOINED_PATH_REFUSALS = [400, 404, 405];
  function assignLicenses(api, licenseKeys, userKey, callback) {
    changeLicenses(api, "POST", licenseKeys, userKey, callback);
  }
  function changeLicenses(api, method, licenseKeys, userKey, callback) {
    const send = (keys, onAnswer) => write(
      api,
      {
        method,
        path: accountPath(
          api,
          `/licenses/${keys.map(encodeURIComponent).join(",")}/users/${encodeURIComponent(userKey)}`
        )
      },
      void 0,
      (reply) => onAnswer(reply.ok ? reply.value : void 0),
      (answer) => ({ ok: true, value: answer })
    );
    const outcome = (answer, keys, changed) => {
      if (answer === void 0 || isSuccess(answer)) return void 0;
      return refusal(answer, method, keys, userKey, changed);
    };
    const oneByOne = (index, changed) => {
      if (index >= licenseKeys.length) return callback({ ok: true, value: void 0 });
      const key = licenseKeys[index];
      send([key], (answer) => {
        const refused = outcome(answer, [key], changed);
        if (refused) return callback(refused);
        oneByOne(index + 1, changed.concat(key));
      });
    };
    if (licenseKeys.length < 2 || api.oneKeyPerCall) {
      oneByOne(0, []);
      return;
    }
    send(licenseKeys, (answer) => {
      if (answer !== void 0 && answer.kind === "response" && JOINED_PATH_REFUSALS.indexOf(answer.status) >= 0) {
        api.oneKeyPerCall = true;
        return oneByOne(0, []);
      }
      const refused = outcome(answer, licenseKeys, []);
      callback(refused || { ok: true, value: void 0 });
    });
  }
  function refusal(answer, method, keys, userKey, changed) {
    const doing = method === "POST" ? `assigning licenses ${keys.join(", ")} to user ${userKey}` : `removing licenses ${keys.join(", ")} from user ${userKey}`;
    const status = answer.kind === "response" ? answer.status : 0;
    if (method === "POST" && (status === 409 || status === 422)) {
      const failure = status === 422 ? noSeats(answer, doing) : failureOf(answer, doing);
      return { ok: false, failure, uncertain: false, conflict: true, changed };
    }
    return {
      ok: false,
      failure: failureOf(answer, doing),
      uncertain: mayHaveGoneThrough(answer),
      conflict: false,
      changed
    };
  }

  // src/host/context.ts
  var UNSAFE_EMAIL_CHARS = /["()/\\\s\u0000-\u001f\u007f]/;
  var MAX_EMAIL_LENGTH = 128;
  var MAX_NAME_LENGTH = 32;
  function readContext(ctx) {
    if (!isRecord(ctx)) {
      return {
        kind: "invalid",
        email: "",
        problem: "the workflow context is missing or not an object",
        accessToken: ""
      };
    }
    const oauth = oauthFields(ctx.OAuth2ProtocolConfiguration);
    const accessToken = typeof oauth !== "string" && typeof oauth.access_token === "string" ? oauth.access_token : "";
    const user = isRecord(ctx.ProvisionedUser) ? ctx.ProvisionedUser : {};
    const email = typeof user.MailAddress === "string" ? user.MailAddress : "";
    const fields = appFields(ctx);
    if (fields.EnableAccountProvisioning !== true) {
      return {
        kind: "disabled",
        email,
        reason: describeDisabled(fields.EnableAccountProvisioning),
        accessToken
      };
    }
    const emailProblem = checkEmail(user.MailAddress);
    if (emailProblem) return { kind: "invalid", email, problem: emailProblem, accessToken };
    const connection = readConnection(oauth);
    if (typeof connection === "string") {
      return { kind: "invalid", email, problem: connection, accessToken };
    }
    const licenses = readLicenseKeys(fields.ApplicationLicenses);
    if (typeof licenses === "string") {
      return { kind: "invalid", email, problem: licenses, accessToken };
    }
    return {
      kind: "ready",
      settings: {
        email,
        accountKey: connection.accountKey,
        accessToken: connection.accessToken,
        licenseKeys: licenses,
        firstName: user.FirstName,
        lastName: user.LastName
      },
      accessToken
    };
  }
  function newUserNames(settings) {
    const names = [];
    const shortened = [];
    for (const [field, value] of [
      ["FirstName", settings.firstName],
      ["LastName", settings.lastName]
    ]) {
      if (typeof value !== "string" || value.trim() === "") {
        return {
          problem: `ProvisionedUser.${field} is ${describeValue(value)}; GoTo needs a first and last name to create a user`
        };
      }
      const name = value.trim();
      if (name.length > MAX_NAME_LENGTH) shortened.push(field);
      names.push(cutName(name));
    }
    return { firstName: names[0], lastName: names[1], shortened };
  }
  function cutName(name) {
    if (name.length <= MAX_NAME_LENGTH) return name;
    const last = name.charCodeAt(MAX_NAME_LENGTH - 1);
    const end = last >= 55296 && last <= 56319 ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
    return name.slice(0, end).replace(/\s+$/, "");
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
    if (value.length > MAX_EMAIL_LENGTH) {
      return `ProvisionedUser.MailAddress has ${value.length} characters; GoTo accepts at most ${MAX_EMAIL_LENGTH}`;
    }
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
      return `${OAUTH_FIELD} is ${describeValue(value)}; it must be a JSON string with access_token`;
    }
    let parsed;
    try {
      parsed = parseJsonLossless(value);
    } catch (_) {
      return `${OAUTH_FIELD} is not valid JSON; it must be a JSON string with access_token`;
    }
    return isRecord(parsed) ? parsed : `${OAUTH_FIELD} is not a JSON object with access_token`;
  }
  function readConnection(fields) {
    if (typeof fields === "string") return fields;
    const accessToken = fields.access_token;
    if (typeof accessToken !== "string" || accessToken.trim() === "") {
      return `${OAUTH_FIELD} has no access_token; connect the app to GoTo again so MyWorkspace stores a token`;
    }
    const given = fields.account_key;
    if (given === void 0 || given === null || given === "") {
      return { accountKey: void 0, accessToken };
    }
    const accountKey = accountKeyText(given);
    if (accountKey === void 0) {
      return `${OAUTH_FIELD} has an account_key that is not a GoTo account key (digits); correct it, or remove it so the scripts ask GoTo for the account`;
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
        const shown = typeof item === "number" ? `the number ${String(item)}` : describeValue(item);
        return typeof item === "number" && item > Number.MAX_SAFE_INTEGER ? `${field} holds ${shown}, which is too large to be exact; enter license keys as text` : `${field} holds ${shown}, which is not a license key (digits and letters only)`;
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

  // src/goto/pages.ts
  var PAGE_SIZE = 100;
  function readPages(read, callback) {
    const kept = [];
    const readPage = (offset, page) => {
      read.transport.send({ method: "GET", path: read.pathAt(offset) }, (answer) => {
        if (answer.kind === "response" && answer.status === 404 && gotoError(answer).code === "user.not.found") {
          return callback({ ok: true, value: kept });
        }
        if (!isSuccess(answer)) return callback(failed(failureOf(answer, read.doing)));
        const body = jsonBody(answer);
        const results = isRecord(body) && Array.isArray(body.results) ? body.results : void 0;
        const keep = results && read.keep(results);
        if (!isRecord(body) || !results || !keep) {
          return callback(failed(badResponse(answer, read.doing, read.expected)));
        }
        for (const item of keep) kept.push(item);
        const next = offset + results.length;
        const total = typeof body.total === "number" ? body.total : next;
        if (results.length === 0 || next >= total) return callback({ ok: true, value: kept });
        if (page + 1 >= read.maxPages) {
          return callback(
            failed(
              badResponse(
                answer,
                read.doing,
                `finished after ${read.maxPages} pages (it reports ${total} in all)`
              )
            )
          );
        }
        readPage(next, page + 1);
      });
    };
    readPage(0, 0);
  }

  // src/goto/find-users.ts
  var MAX_PAGES = 20;
  function findUsersByEmail(api, email, callback) {
    const filter = encodeURIComponent(emailFilter(email));
    readPages(
      {
        transport: api.transport,
        pathAt: (offset) => accountPath(api, `/users?filter=${filter}&offset=${offset}&pageSize=${PAGE_SIZE}`),
        doing: `looking up ${email}`,
        expected: "a list of users in which each match has exact keys",
        maxPages: MAX_PAGES,
        keep: (results) => exactMatches(results, email)
      },
      callback
    );
  }
  function exactMatches(results, email) {
    const matches = [];
    for (const entry of results) {
      if (!isRecord(entry) || typeof entry.email !== "string" || !sameEmail(entry.email, email)) {
        continue;
      }
      const key = keyText(entry.key);
      const held = Array.isArray(entry.licenseKeys) ? entry.licenseKeys : [];
      const licenseKeys = held.map(keyText);
      if (key === void 0 || licenseKeys.some((licenseKey) => licenseKey === void 0)) {
        return void 0;
      }
      matches.push({ key, email: entry.email, licenseKeys });
    }
    return matches;
  }

  // src/workflows/find-user.ts
  function findUser(run, found) {
    const email = run.settings.email;
    findUsersByEmail(run.api, email, (reply) => {
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

  // src/workflows/licenses.ts
  function oneKeyNote(api) {
    return api.oneKeyPerCall ? " GoTo refused several license keys in one call, so each key was sent on its own." : "";
  }
  function failPartly(run, reply, userKey, done2) {
    if (reply.changed.length === 0) {
      run.fail(reply.failure, { userKey });
      return;
    }
    run.fail(
      {
        code: reply.failure.code,
        message: `${reply.failure.message} Licenses ${reply.changed.join(", ")} were ${done2} before that, each in its own call; run the workflow again to finish.`
      },
      { userKey, licenseKeys: reply.changed }
    );
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

  // src/goto/me.ts
  var ME_REFUSED = "the connection lacks the Admin Center (identity:) scope, or the connected user is no GoTo admin; reconnect the app's OAuth configuration with a GoTo admin account";
  function whoAmI(transport, callback) {
    const doing = "asking GoTo which account the connection belongs to (GET /me)";
    transport.send({ method: "GET", path: "/me" }, (answer) => {
      if (!isSuccess(answer)) {
        return callback(failed(failureOf(answer, doing, ME_REFUSED)));
      }
      const body = jsonBody(answer);
      const accountKey = isRecord(body) ? accountKeyText(body.accountKey) : void 0;
      if (!isRecord(body) || accountKey === void 0) {
        const failure = badResponse(answer, doing, "an answer with an exact accountKey");
        return callback(
          failed({
            code: failure.code,
            message: `${failure.message} Set the accountKey build option to your GoTo account key and use that build.`
          })
        );
      }
      const listed = Array.isArray(body.accounts) ? body.accounts.length : 0;
      callback({ ok: true, value: { accountKey, accounts: Math.max(1, listed) } });
    });
  }

  // src/workflows/run.ts
  var MIN_REDACTED_TOKEN_LENGTH = 8;
  function runWorkflow(workflow, host, build, body) {
    const calls = [];
    let ended = false;
    let email = "";
    let token = "";
    let accountKey;
    let accountNote = "";
    const end = (outcome, message, details, failure) => {
      if (ended) return;
      ended = true;
      const result = {
        workflow,
        outcome,
        ok: outcome !== "failed",
        message: message + accountNote,
        email,
        dryRun: build.options.dryRun,
        calls,
        version: build.version
      };
      if (failure) result.error = failure.code;
      if (accountKey !== void 0) result.accountKey = accountKey;
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
      const reading = readContext(host.context);
      token = reading.accessToken;
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
      const actsOnLicenseKeys = workflow === "provision" || build.options.deprovisionMode === "remove-licenses";
      if (actsOnLicenseKeys && settings.licenseKeys.length === 0) {
        fail(noLicenseKeys());
        return;
      }
      const transport = createTransport({
        rest: host.rest,
        baseUrl: build.options.apiBaseUrl,
        accessToken: settings.accessToken,
        maxRetries: build.options.maxRetries,
        retryBudgetSeconds: build.options.retryBudgetSeconds,
        record: (call) => calls.push(call),
        crash,
        ended: () => ended
      });
      const start = (account) => {
        accountKey = account;
        body({
          settings,
          options: build.options,
          api: connect(transport, account, build.options.dryRun, calls),
          succeed: (outcome, message, details = {}) => end(outcome, message, details),
          fail
        });
      };
      const known = build.options.accountKey || settings.accountKey;
      if (known !== void 0) {
        start(known);
        return;
      }
      whoAmI(transport, (reply) => {
        if (!reply.ok) return fail(reply.failure);
        const { accountKey: account, accounts } = reply.value;
        if (accounts > 1) {
          accountNote = ` GoTo account ${account} was used: it is the connected admin's default of the ${accounts} accounts they manage; set the accountKey build option to act in another.`;
        }
        start(account);
      });
    } catch (error) {
      crash(error);
    }
  }
  function connect(transport, accountKey, dryRun, calls) {
    return {
      transport,
      accountKey,
      dryRun,
      planned: (request) => {
        const call = {
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
    const { settings, options, api } = run;
    const { email, licenseKeys } = settings;
    const dry = options.dryRun;
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
      const shortened = names.shortened.length === 0 ? "" : ` GoTo accepts at most ${MAX_NAME_LENGTH} characters per name, so ProvisionedUser.${names.shortened.join(" and ProvisionedUser.")} was shortened to "${names.shortened.map((field) => field === "FirstName" ? names.firstName : names.lastName).join('" and "')}".`;
      createUser(api, user, options.welcomeEmail, (reply) => {
        if (!reply.ok) return lost.afterFailedWrite(reply, "created");
        if (!reply.value.created) return afterConflict();
        const userKey = reply.value.userKey;
        run.succeed(
          "created",
          (dry ? `Dry run: would create GoTo user ${email} with licenses ${licenseKeys.join(", ")}; nothing was changed.` : `Created GoTo user ${email} (key ${userKey}) with licenses ${licenseKeys.join(", ")}.`) + shortened,
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
      assignLicenses(api, missing, user.key, (reply) => {
        if (!reply.ok) {
          if (reply.conflict) return afterRefusal(reply, missing, user.key);
          if (reply.uncertain) return lost.afterFailedWrite(reply, "licensed");
          return failPartly(run, reply, user.key, "assigned");
        }
        run.succeed(
          lost.unconfirmed() || "licensed",
          (dry ? `Dry run: would assign licenses ${missing.join(", ")} to GoTo user ${email} (key ${user.key}); nothing was changed.` : `Assigned licenses ${missing.join(", ")} to GoTo user ${email} (key ${user.key}).`) + oneKeyNote(api),
          { userKey: user.key, licenseKeys: missing }
        );
      });
    };
    const afterRefusal = (reply, tried, userKey) => findUser(run, (user) => {
      if (!user || licenseKeys.some((key) => user.licenseKeys.indexOf(key) < 0)) {
        return failPartly(run, reply, userKey, "assigned");
      }
      const ours = lost.unconfirmed() || (reply.changed.length > 0 ? "licensed" : void 0);
      run.succeed(
        ours || "unchanged",
        ours ? `GoTo user ${email} (key ${user.key}) now holds licenses ${tried.join(", ")}; GoTo refused part of the assignment because another change got there first.${oneKeyNote(api)}` : `GoTo user ${email} (key ${user.key}) already holds licenses ${tried.join(", ")}: another change got there first (GoTo answered the assignment with a conflict); nothing was changed by this run.`,
        { userKey: user.key, licenseKeys: ours ? tried : [] }
      );
    });
    decide();
  }

  // src/entries/provisioning.ts
  runWorkflow("provision", { context, rest, done }, buildInfo, provision);
})();
