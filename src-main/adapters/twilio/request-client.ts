// Pointing the twilio SDK at another server (the local fake in tests, or a recording proxy):
// the SDK builds every URL on https://<product>.twilio.com and hands it to its RequestClient;
// this subclass swaps that origin for `apiBaseUrl` and keeps the path and query, so the SDK's
// own serialisation, auth, paging (next_page_uri) and errors (RestException) are what run.
// Used as `twilio(sid, token, { httpClient: new RedirectingRequestClient(base) })`.
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

export class RedirectingRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(apiBaseUrl: string, options: { timeout?: number } = {}) {
    super({ ...options, keepAlive: false });
    this.base = new URL(apiBaseUrl);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const target = new URL(opts.uri);
    if (target.hostname === 'twilio.com' || target.hostname.endsWith('.twilio.com')) {
      target.protocol = this.base.protocol;
      target.host = this.base.host;
    }
    return super.request({ ...opts, uri: target.href });
  }
}
