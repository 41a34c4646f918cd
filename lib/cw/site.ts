import { isCloudHostname, isLoopbackHostname } from './hosts';

/** A CW site as the user means it: the host of the web UI (never the `api-` host), plus scheme and port. */
export interface CwSite {
  /** Lower-case host with a non-default port, e.g. `na.myconnectwise.net` or `127.0.0.1:8080`. */
  host: string;
  hostname: string;
  scheme: 'https' | 'http';
  cloud: boolean;
  loopback: boolean;
}

export type SiteResult = { ok: true; site: CwSite } | { ok: false; message: string };

/**
 * Loopback (the CW sandbox) is a CW site everywhere but in production builds: the e2e build and the
 * unit tests run the sandbox there. A production build refuses it here too, not only in the manifest,
 * so Basic auth never goes to a local listener.
 */
export const LOOPBACK_CW_ALLOWED = import.meta.env.MODE !== 'production';

const EXAMPLE = 'Enter just the host name of your ConnectWise site, e.g. na.myconnectwise.net.';
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Turns what an admin pastes into the "Site URL" field into a CW site. Accepts a bare host, a full
 * browser URL (`https://NA.myconnectwise.net/v4_6_release/ConnectWise.aspx?...`) or the `api-` host;
 * rejects what can't be a CW server, each with a message that says what to type instead.
 */
export function normalizeSite(input: string, opts: { allowLoopback?: boolean } = {}): SiteResult {
  const raw = input.trim();
  if (!raw) return { ok: false, message: `The site is empty. ${EXAMPLE}` };
  if (/\s/.test(raw)) return { ok: false, message: `The site contains spaces. ${EXAMPLE}` };

  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw);
  const scheme = schemeMatch?.[1]?.toLowerCase();
  if (scheme && scheme !== 'https' && scheme !== 'http') {
    return { ok: false, message: `"${scheme}://" is not a web address. ${EXAMPLE}` };
  }
  let url: URL;
  try {
    url = new URL(scheme ? raw : `https://${raw}`);
  } catch {
    return { ok: false, message: `"${raw}" is not a valid host name. ${EXAMPLE}` };
  }
  if (url.username || url.password) {
    return { ok: false, message: `Remove the user name from the site. ${EXAMPLE}` };
  }
  let hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  const loopback = isLoopbackHostname(hostname);
  if (loopback && !(opts.allowLoopback ?? LOOPBACK_CW_ALLOWED)) {
    return {
      ok: false,
      message: `"${raw}" is an address on this computer, not a ConnectWise site. ${EXAMPLE}`,
    };
  }

  if (!loopback) {
    if (IPV4.test(hostname) || hostname.startsWith('[')) {
      return {
        ok: false,
        message: 'Use the host name of your ConnectWise server (e.g. cw.example.com), not an IP address.',
      };
    }
    const labels = hostname.split('.');
    if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1) ?? '')) {
      return { ok: false, message: `"${raw}" is not a valid host name. ${EXAMPLE}` };
    }
    if (scheme === 'http') {
      return { ok: false, message: 'ConnectWise requires HTTPS: use https:// or just the host name.' };
    }
  }
  const cloud = isCloudHostname(hostname);
  // People paste the API host from other tools; the site is the web host (companyinfo lives there).
  if (cloud && hostname.startsWith('api-')) hostname = hostname.slice(4);

  // The sandbox and other loopback servers speak plain http unless https was typed.
  const finalScheme: 'https' | 'http' = loopback ? (scheme === 'https' ? 'https' : 'http') : 'https';
  const host = url.port ? `${hostname}:${url.port}` : hostname;
  return { ok: true, site: { host, hostname, scheme: finalScheme, cloud, loopback } };
}

export function webOrigin(site: CwSite): string {
  return `${site.scheme}://${site.host}`;
}

/** Cloud API calls go to the `api-` host (DG: "SSL is required" otherwise); on-prem uses its own host. */
export function apiHost(site: CwSite): string {
  return site.cloud ? `api-${site.host}` : site.host;
}

export function normalizeCodebase(codebase: string): string | undefined {
  const c = codebase.trim().replace(/^\/+/, '');
  if (!/^[A-Za-z0-9_.-]+\/?$/.test(c)) return undefined;
  return c.endsWith('/') ? c : `${c}/`;
}

export function apiBaseUrl(site: CwSite, codebase: string): string {
  return `${site.scheme}://${apiHost(site)}/${codebase}apis/3.0`;
}

export function companyInfoUrl(site: CwSite, companyId: string): string {
  return `${webOrigin(site)}/login/companyinfo/${encodeURIComponent(companyId.trim())}`;
}

/**
 * Deep link a technician can open: the classic ticket route every CW version understands. Project
 * tickets live in the same ticket table in CW and open through the same route.
 */
export function ticketWebUrl(site: CwSite, ticketId: number): string {
  return `${webOrigin(site)}/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=${ticketId}`;
}
