/** The HTML pages the emulated tenant serves: login, consent, and the response-mode pages. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value embedded in an inline script: JSON with `<` escaped so it cannot close the tag. */
function scriptValue(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

/** The tenant's login page (New Universal Login's identifier + password form, reduced to the fields). */
export function loginPage(transaction: string, clientName: string, error?: string): string {
  return page(
    `Log in | ${clientName}`,
    `<h1>Log in to ${escapeHtml(clientName)}</h1>` +
      (error ? `<p id="error-element-password" role="alert">${escapeHtml(error)}</p>` : '') +
      `<form method="post" action="/u/login">` +
      `<input type="hidden" name="state" value="${escapeHtml(transaction)}">` +
      `<label>Email address <input id="username" name="username" type="text" autocomplete="username"></label>` +
      `<label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>` +
      `<button type="submit" name="action" value="default">Continue</button>` +
      `</form>`,
  );
}

/**
 * The consent dialog: the application asks for the listed scopes of an API on the user's behalf
 * (auth0/docs-v2:main/docs/get-started/applications/third-party-applications/user-consent-and-third-party-applications.mdx).
 */
export function consentPage(transaction: string, clientName: string, audience: string, scopes: readonly string[]): string {
  const items = scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return page(
    `Authorize App | ${clientName}`,
    `<h1>Authorize ${escapeHtml(clientName)}</h1>` +
      `<p id="consent-audience">${escapeHtml(audience)}</p>` +
      `<ul id="consent-scopes">${items}</ul>` +
      `<form method="post" action="/u/consent">` +
      `<input type="hidden" name="state" value="${escapeHtml(transaction)}">` +
      `<button id="decline" type="submit" name="action" value="deny">Decline</button>` +
      `<button id="accept" type="submit" name="action" value="accept">Accept</button>` +
      `</form>`,
  );
}

/** `response_mode=form_post`: a self-submitting form to the redirect URI. */
export function formPostPage(redirectUri: string, params: Readonly<Record<string, string>>): string {
  const inputs = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return (
    `<!DOCTYPE html><html><body onload="document.forms[0].submit()">` +
    `<form method="post" action="${escapeHtml(redirectUri)}">${inputs}</form></body></html>`
  );
}

/**
 * `response_mode=web_message`: the page posts `{type: 'authorization_response', response}` to the
 * window that opened it (a popup) or to its parent (the hidden iframe of auth0.js `checkSession`
 * and auth0-spa-js `getTokenSilently`), addressed to the redirect URI's origin
 * (auth0/docs-v2:main/docs/authenticate/login/configure-silent-authentication.mdx).
 */
export function webMessagePage(targetOrigin: string, response: Readonly<Record<string, string>>): string {
  return (
    `<!DOCTYPE html><html><head><title>Authorization Response</title></head><body><script>` +
    `(function () { var target = window.opener ? window.opener : window.parent;` +
    ` target.postMessage({ type: 'authorization_response', response: ${scriptValue(response)} }, ${scriptValue(targetOrigin)}); })();` +
    `</script></body></html>`
  );
}

/**
 * Cross-origin verification fallback: when the browser did not send the verifier cookie set by
 * /co/authenticate (third-party cookies blocked), the tenant loads the application's
 * "Cross-Origin Verification Fallback URL" (a page calling auth0.js `crossOriginVerification()`)
 * and asks it for the verifier it stored; auth0.js answers `co_verifier_request` with
 * `co_verifier_response` (auth0/auth0.js src/web-auth/cross-origin-authentication.js).
 */
export function crossOriginVerificationPage(fallbackUrl: string, tenantOrigin: string, coId: string, transaction: string): string {
  const frameUrl = `${fallbackUrl}#origin=${encodeURIComponent(tenantOrigin)}`;
  return page(
    'Verifying…',
    `<form method="post" action="/co/verify"><input type="hidden" name="state" value="${escapeHtml(transaction)}">` +
      `<input type="hidden" name="verifier" value=""></form>` +
      `<script>(function () {` +
      ` var frame = document.createElement('iframe'); frame.style.display = 'none';` +
      ` var fallbackOrigin = new URL(${scriptValue(fallbackUrl)}).origin;` +
      ` window.addEventListener('message', function (e) {` +
      `  if (e.origin !== fallbackOrigin) return;` +
      `  if (e.data && e.data.type === 'ready') frame.contentWindow.postMessage({ type: 'co_verifier_request', request: { id: ${scriptValue(coId)} } }, fallbackOrigin);` +
      `  if (e.data && e.data.type === 'co_verifier_response') { document.forms[0].verifier.value = e.data.response.verifier; document.forms[0].submit(); }` +
      ` });` +
      ` frame.src = ${scriptValue(frameUrl)}; document.body.appendChild(frame);` +
      `})();</script>`,
  );
}

/**
 * Classic Universal Login with Lock 11: the hosted page Auth0's "Lock" template renders, which
 * starts Lock with the /authorize parameters as `config.internalOptions` (auth0/lock README,
 * "Hosted login page"). Lock then posts the credentials to /usernamepassword/login.
 */
export function classicLockPage(config: Readonly<Record<string, unknown>>): string {
  return page(
    'Sign In with Auth0',
    `<div id="lock-container"></div>` +
      `<script src="/__emulator/lock.js"></script>` +
      `<script>(function () {` +
      ` var config = ${scriptValue(config)};` +
      ` var params = Object.assign({}, config.internalOptions);` +
      ` var lock = new Auth0Lock(config.clientID, config.auth0Domain, {` +
      `  auth: { redirectUrl: config.callbackURL, responseType: params.response_type, params: params },` +
      `  configurationBaseUrl: config.clientConfigurationBaseUrl, overrides: { __tenant: config.auth0Tenant, __token_issuer: config.issuer },` +
      `  allowSignUp: false, rememberLastLogin: false, closable: false });` +
      ` lock.show();` +
      `})();</script>`,
  );
}

/** What /usernamepassword/login answers: a form auth0.js submits to /login/callback. */
export function loginCallbackForm(tenantOrigin: string, ticket: string, context: string): string {
  return (
    `<form method="post" name="hiddenform" action="${escapeHtml(tenantOrigin)}/login/callback">` +
    `<input type="hidden" name="wa" value="wsignin1.0">` +
    `<input type="hidden" name="wresult" value="${escapeHtml(ticket)}">` +
    `<input type="hidden" name="wctx" value="${escapeHtml(context)}">` +
    `<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript></form>`
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p id="error-message">${escapeHtml(message)}</p>`);
}
