/**
 * Wraps `fetch` so a provider call that waits longer than `idleMs` for anything (the response headers,
 * then each body chunk) is aborted with a `TimeoutError` DOMException. Unlike `streamText`'s
 * `timeout.chunkMs`, this also covers the wait before the first text delta, which some providers spend
 * inside the HTTP call. Time the consumer takes between reads does not count.
 */
export function withIdleTimeout(fetchImpl: typeof fetch, idleMs: number): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    // One timer per call, re-armed with refresh() (a stream of small chunks would otherwise make one per chunk);
    // it only counts while a read is waiting, so the consumer's own pace never trips it.
    let waiting = false;
    const timer = setTimeout(() => {
      if (waiting) {
        controller.abort(new DOMException(`The model provider sent nothing for ${idleMs} ms.`, "TimeoutError"));
      }
    }, idleMs);
    timer.unref();
    const arm = () => {
      waiting = true;
      timer.refresh();
    };
    const disarm = () => {
      waiting = false;
    };

    arm();
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    const response = await fetchImpl(input, { ...init, signal }).finally(disarm);
    if (!response.body) {
      clearTimeout(timer);
      return response;
    }
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        arm();
        const { done, value } = await reader.read().finally(disarm);
        if (!done) return stream.enqueue(value);
        clearTimeout(timer);
        stream.close();
      },
      cancel: (reason) => {
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
