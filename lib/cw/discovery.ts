import { cwFetch, type RequestOptions } from './client';
import { CwError, looksLikeHtml } from './errors';
import { type CwSite, companyInfoUrl, normalizeCodebase } from './site';

export interface CompanyInfo {
  companyName?: string;
  codebase: string;
  versionCode?: string;
  isCloud?: boolean;
}

const NOT_CW =
  'This site does not look like ConnectWise PSA: it did not answer the company lookup. Check the site name (e.g. na.myconnectwise.net).';

/**
 * `GET https://{site}/login/companyinfo/{companyId}` (unauthenticated) tells the codebase to use in
 * API URLs. Field values are strings, even IsCloud (DG); only Codebase is relied on.
 */
export async function discoverCompany(
  site: CwSite,
  companyId: string,
  opts: RequestOptions = {},
): Promise<CompanyInfo> {
  const url = companyInfoUrl(site, companyId);
  let raw: Awaited<ReturnType<typeof cwFetch>>;
  try {
    raw = await cwFetch(
      url,
      { method: 'GET', headers: { Accept: 'application/json' } },
      { ...opts, path: 'login/companyinfo' },
    );
  } catch (e) {
    if (e instanceof CwError && e.kind === 'network') {
      throw new CwError(
        'network',
        `Could not reach ${site.host}. Check the site name and that this computer can open it.`,
      );
    }
    throw e;
  }
  const contentType = raw.headers.get('content-type') ?? '';
  if (raw.status === 404 && !looksLikeHtml(contentType, raw.text)) {
    throw unknownCompany(companyId);
  }
  if (raw.status < 200 || raw.status >= 300 || looksLikeHtml(contentType, raw.text)) {
    throw new CwError('notJson', NOT_CW, { status: raw.status });
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw.text) as Record<string, unknown>;
  } catch {
    throw new CwError('notJson', NOT_CW, { status: raw.status });
  }
  // Unknown companies come back as an empty/null record on some servers rather than a 404.
  const codebase = typeof body?.Codebase === 'string' ? normalizeCodebase(body.Codebase) : undefined;
  if (!codebase) throw unknownCompany(companyId);
  return {
    codebase,
    companyName: typeof body.CompanyName === 'string' ? body.CompanyName : undefined,
    versionCode: typeof body.VersionCode === 'string' ? body.VersionCode : undefined,
    isCloud: typeof body.IsCloud === 'string' ? body.IsCloud.toLowerCase() === 'true' : undefined,
  };
}

function unknownCompany(companyId: string): CwError {
  return new CwError(
    'unknownCompany',
    `ConnectWise does not know the company ID "${companyId}". Use the company ID you type on the ConnectWise login screen (not the company’s full name).`,
  );
}
