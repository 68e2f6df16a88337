import type { ApiRequest, ApiResult } from './contract/result';

/**
 * What the preload exposes as `window.boxOffice`: one function that carries a call to the main
 * process's dispatcher. Absent in browser mode, where the renderer talks to the HTTP bridge.
 */
export interface BoxOfficeBridge {
  call(request: ApiRequest): Promise<ApiResult<unknown>>;
}
