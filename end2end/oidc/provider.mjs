// A real OpenID provider (panva's oidc-provider, OpenID Certified) on loopback, standing in for
// ID-porten/Altinn in the sign-in tests. Everything is in memory and thrown away on exit.
//
//   OIDC_PORT=18090 OIDC_CLIENT_ID=inbox OIDC_CLIENT_SECRET=... OIDC_RP_URL=http://127.0.0.1:18080 \
//   OIDC_RESOURCE=http://127.0.0.1:18091 [OIDC_ACCESS_TTL=300] node end2end/oidc/provider.mjs
//
// Prints exactly one stdout line, `oidc-provider ready <issuer>`; everything else goes to stderr.
// Exits on SIGTERM/SIGINT, or when stdin (if it is a pipe) closes.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { fstatSync } from 'node:fs';

// oidc-provider prints its notices with console.info; stdout carries only the ready line (and the
// parent may stop reading after it, so a late write must not kill us with EPIPE).
console.info = console.error;
process.stdout.on('error', () => {});
// Two known warnings on every start would only be noise in test output: the in-memory store is
// the point here, and oidc-provider 9 says Node 20 is unsupported (it works on 20.18+: URL.parse,
// crypto.hash; checked on 20.20.2).
const warn = console.warn;
console.warn = (...args) => {
  if (!/Unsupported runtime|development-only in-memory adapter/.test(String(args[0]))) warn(...args);
};

const { default: Provider, errors, interactionPolicy } = await import('oidc-provider');

function env(name, fallback) {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') {
    console.error(`oidc-provider: ${name} is required`);
    process.exit(2);
  }
  return value;
}

const PORT = Number(env('OIDC_PORT'));
const ISSUER = `http://127.0.0.1:${PORT}`;
const CLIENT_ID = env('OIDC_CLIENT_ID');
const CLIENT_SECRET = env('OIDC_CLIENT_SECRET');
const RP = env('OIDC_RP_URL').replace(/\/+$/, '');
// Compared verbatim with the `resource` the client sends (if any) and used verbatim as `aud`.
const RESOURCE = env('OIDC_RESOURCE');
const ACCESS_TTL = Number(env('OIDC_ACCESS_TTL', '300'));
const RESOURCE_SCOPE = 'digdir:dialogporten.noconsent altinn:portal/enduser';

// ID-porten's levels, weakest first: a session only satisfies a request for its level or lower.
const ACRS = ['idporten-loa-substantial', 'idporten-loa-high'];
const requestedAcr = (params) => String(params.acr_values ?? '').split(' ').find((a) => ACRS.includes(a)) ?? ACRS[0];

const PID = /^\d{11}$/;

// Fresh keys per run: nothing to leak, and tests must fetch the JWKS like a real RP would.
// RSA first so it is the default for ID tokens (RS256); Ed25519 signs the access tokens (EdDSA).
const privateJwk = (type, opts, extra) => ({
  ...generateKeyPairSync(type, opts).privateKey.export({ format: 'jwk' }),
  use: 'sig',
  ...extra,
});
const jwks = {
  keys: [
    privateJwk('rsa', { modulusLength: 2048 }, { alg: 'RS256' }),
    privateJwk('ed25519', {}, { alg: 'EdDSA' }),
  ],
};

// The stock login prompt ignores acr_values; ID-porten re-authenticates when a higher level is
// asked for than the session has (step-up), so do the same.
const policy = interactionPolicy.base();
policy.get('login').checks.add(new interactionPolicy.Check(
  'acr_too_low',
  'requested authentication level is higher than the session has',
  (ctx) => ACRS.indexOf(ctx.oidc.session.acr) < ACRS.indexOf(requestedAcr(ctx.oidc.params)),
));

const provider = new Provider(ISSUER, {
  jwks,
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [`${RP}/auth/callback`],
    post_logout_redirect_uris: [`${RP}/login`],
    id_token_signed_response_alg: 'RS256',
    // acr is only put in ID tokens when asked for; this makes every request ask (at least substantial).
    default_acr_values: [ACRS[0]],
    frontchannel_logout_uri: `${RP}/auth/frontchannel-logout`,
    frontchannel_logout_session_required: true,
  }],
  // oidc-provider dropped Front-Channel Logout in v8; it is put back at the end of this file,
  // so its client metadata and discovery fields are declared by hand.
  extraClientMetadata: {
    properties: ['frontchannel_logout_uri', 'frontchannel_logout_session_required'],
    validator(ctx, key, value) {
      if (key === 'frontchannel_logout_uri' && value !== undefined && !URL.canParse(value)) {
        throw new errors.InvalidClientMetadata('frontchannel_logout_uri must be a URL');
      }
    },
  },
  discovery: { frontchannel_logout_supported: true, frontchannel_logout_session_supported: true },

  responseTypes: ['code'],
  // Also rejects client_secret_post, which oidc-provider otherwise treats as equivalent to basic.
  clientAuthMethods: ['client_secret_basic'],
  acrValues: ACRS,
  // `pid` rides on the openid scope so it is in every ID token, as with ID-porten.
  claims: { openid: ['sub', 'pid'], acr: null, sid: null, auth_time: null, iss: null },
  async findAccount(ctx, sub) {
    if (!PID.test(sub)) return undefined;
    return { accountId: sub, claims: async () => ({ sub, pid: sub }) };
  },
  // Access tokens are for the API, not for a userinfo endpoint; everything is in the ID token.
  features: {
    devInteractions: { enabled: false },
    userinfo: { enabled: false },
    rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo(ctx, resource) {
        if (resource !== RESOURCE) throw new errors.InvalidTarget();
        return {
          scope: RESOURCE_SCOPE,
          audience: RESOURCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: ACCESS_TTL,
          jwt: { sign: { alg: 'EdDSA' } },
        };
      },
    },
  },
  // The API identifies the person and the level from the token itself, like Dialogporten does.
  async extraTokenClaims(ctx, token) {
    if (token.kind !== 'AccessToken') return undefined;
    const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
    return { pid: token.accountId, acr: source?.acr };
  },
  // The stock policy only issues refresh tokens for offline_access; the RP refreshes without it.
  issueRefreshToken: (ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  // oidc-provider v9 only requires PKCE from public clients by default.
  pkce: { required: () => true },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // Plain http on loopback: the cookies must not be Secure. Names kept apart from the RP's
  // (cookies ignore ports, so both servers see each other's cookies on 127.0.0.1).
  cookies: {
    names: { session: 'op_session', interaction: 'op_interaction', resume: 'op_interaction_resume' },
    long: { httpOnly: true, sameSite: 'lax', secure: false },
    short: { httpOnly: true, sameSite: 'lax', secure: false },
    keys: [randomBytes(32).toString('base64url')],
  },
  ttl: {
    AccessToken: (ctx, token) => token.resourceServer?.accessTokenTTL ?? ACCESS_TTL,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 3600,
    RefreshToken: 8 * 3600,
    Session: 8 * 3600,
    Grant: 8 * 3600,
  },
  renderError,
});

// The provider only puts `sid` in ID tokens for back-channel clients; front-channel ones with
// frontchannel_logout_session_required need it too, to match the sid the logout frame carries.
const { includeSid } = provider.Client.prototype;
provider.Client.prototype.includeSid = function includeSidForFrontChannel() {
  return includeSid.call(this) || !!(this.frontchannel_logout_uri && this.frontchannel_logout_session_required);
};

// The stock pages pull fonts from Google; these are self-contained.
function renderError(ctx, out) {
  ctx.type = 'html';
  ctx.body = page('Feil', `<h1>Noe gikk galt</h1>${Object.entries(out)
    .map(([k, v]) => `<p><strong>${esc(k)}</strong>: <span>${esc(v)}</span></p>`).join('')}`);
}

function esc(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>${body}</main></body></html>`;
}

// `form` is the provider's hidden form (id op.logoutForm, xsrf); one button submits it with
// logout=yes, which ends the whole provider session (and so every client's).
function logoutSource(ctx, form) {
  ctx.body = page('Logg ut', `<h1>Logg ut</h1><p>Vil du logge ut av ${esc(ctx.host)}?</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Logg ut</button>`);
}

function postLogoutSuccessSource(ctx) {
  ctx.body = page('Logget ut', '<h1>Du er logget ut</h1>');
}

// Prefilled from login_hint, or on step-up with who is already signed in.
function loginPage(uid, params, session, error) {
  const hint = [params.login_hint, session?.accountId].find((v) => PID.test(v ?? '')) ?? '';
  const level = requestedAcr(params) === 'idporten-loa-high' ? 'høyt' : 'betydelig';
  return page('Logg inn', `<h1>Logg inn</h1>
<p>Sikkerhetsnivå: <span id="acr">${level}</span></p>
${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
  <p><label for="login">Fødselsnummer</label>
  <input id="login" name="login" inputmode="numeric" autocomplete="username" required value="${esc(hint)}" autofocus></p>
  <p><label for="password">Passord</label>
  <input id="password" name="password" type="password" autocomplete="current-password"></p>
  <button type="submit">Logg inn</button>
</form>
<form method="post" action="/interaction/${esc(uid)}/abort">
  <button type="submit">Avbryt</button>
</form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// 303 back to the authorization endpoint, which resumes the request with this result.
async function finish(ctx, result) {
  const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.redirect(to);
  ctx.status = 303;
}

// The provider's own pages (devInteractions is off): a login form on prompt=login; consent is
// granted without a page, as ID-porten does not ask either for a registered client's scopes.
async function interactions(ctx) {
  const [, uid, action] = ctx.path.split('/').slice(1);
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== uid) throw new errors.SessionNotFound('interaction session id cookie not found');
  const { prompt, params, session } = details;

  if (ctx.method === 'GET' && action === undefined) {
    if (prompt.name === 'login') {
      ctx.type = 'html';
      ctx.body = loginPage(uid, params, session);
      return;
    }
    if (prompt.name === 'consent') {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = prompt.details;
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) {
        grant.addResourceScope(resource, scopes.join(' '));
      }
      const grantId = await grant.save();
      await finish(ctx, { consent: details.grantId ? {} : { grantId } });
      return;
    }
  }
  if (ctx.method === 'POST' && action === 'login' && prompt.name === 'login') {
    const login = (await readForm(ctx.req)).get('login')?.trim() ?? '';
    if (!PID.test(login)) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = loginPage(uid, params, session, 'Fødselsnummeret må ha 11 siffer.');
      return;
    }
    // The level is whatever the client asked for: the test user always "passes" it.
    await finish(ctx, { login: { accountId: login, acr: requestedAcr(params) } });
    return;
  }
  if (ctx.method === 'POST' && action === 'abort') {
    await finish(ctx, { error: 'access_denied', error_description: 'End-User aborted interaction' });
    return;
  }
  ctx.status = 404;
}

provider.use(async (ctx, next) => {
  if (!ctx.path.startsWith('/interaction/')) return next();
  ctx.set('cache-control', 'no-store');
  try {
    await interactions(ctx);
  } catch (err) {
    if (!(err instanceof errors.OIDCProviderError)) throw err;
    ctx.status = err.status;
    renderError(ctx, { error: err.message, error_description: err.error_description });
  }
});

// OpenID Connect Front-Channel Logout 1.0: when the end-session confirm ends a client's
// authorization, show a page that loads each such client's frontchannel_logout_uri (with iss
// and sid) in an iframe, then continues to where the provider was redirecting.
provider.use(async (ctx, next) => {
  if (ctx.method !== 'POST' || ctx.path !== '/session/end/confirm') return next();
  const before = await provider.Session.get(ctx);
  const sids = Object.entries(before.authorizations ?? {}).map(([clientId, a]) => [clientId, a.sid]);
  await next();
  const location = ctx.response.get('location');
  if (ctx.status !== 303 || !location) return;
  const after = ctx.oidc.session;
  const ended = sids.filter(([clientId]) => after.destroyed || !after.authorizations?.[clientId]);
  const frames = [];
  for (const [clientId, sid] of ended) {
    const client = await provider.Client.find(clientId);
    if (!client?.frontchannel_logout_uri) continue;
    const url = new URL(client.frontchannel_logout_uri);
    if (client.frontchannel_logout_session_required) {
      url.searchParams.set('iss', ISSUER);
      url.searchParams.set('sid', sid);
    }
    frames.push(url.href);
  }
  if (!frames.length) return;
  ctx.remove('location');
  ctx.status = 200;
  ctx.type = 'html';
  // Continue once every frame has loaded (their requests are what matters), or after 3 s.
  ctx.body = page('Logger ut', `<h1>Logger ut …</h1>
${frames.map((src) => `<iframe class="frontchannel-logout" src="${esc(src)}" onload="frameLoaded()" hidden></iframe>`).join('\n')}
<p><a id="continue" href="${esc(location)}">Fortsett</a></p>
<script>
let loaded = 0;
function go() { location.replace(${JSON.stringify(location).replace(/</g, '\\u003c')}); }
function frameLoaded() { if (++loaded === ${frames.length}) go(); }
setTimeout(go, 3000);
</script>`);
});

const server = provider.listen(PORT, '127.0.0.1', () => {
  process.stdout.write(`oidc-provider ready ${ISSUER}\n`);
});
server.on('error', (err) => {
  console.error(`oidc-provider: ${err.message}`);
  process.exit(1);
});

function shutdown() {
  server.close();
  server.closeAllConnections();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// Tie the lifetime to the parent when it hands us a pipe (Playwright's webServer, a Rust test's
// Command with Stdio::piped()); /dev/null would read as closed at once, so it is not watched.
const stdin = fstatSync(0);
if (stdin.isFIFO() || stdin.isSocket() || process.stdin.isTTY) {
  process.stdin.on('end', shutdown).on('close', shutdown).resume();
}
