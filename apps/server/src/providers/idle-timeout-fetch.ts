/**
 * Wraps `fetch` so a provider call that waits longer than `idleMs` for anything (the response headers,
 * then each body chunk) is aborted with a `TimeoutError` DOMException. Unlike `streamText`'s
 * `timeout.chunkMs`, this also covers the wait before the first text delta, which some providers spend
 * inside the HTTP call. Time the consumer takes between reads does not count.
 */
export function withIdleTimeout(fetchImpl: typeof fetch, idleMs: number): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      timer = setTimeout(() => {
        controller.abort(new DOMException(`The model provider sent nothing for ${idleMs} ms.`, "TimeoutError"));
      }, idleMs);
      timer.unref();
    };
    const disarm = () => clearTimeout(timer);

    arm();
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    const response = await fetchImpl(input, { ...init, signal }).finally(disarm);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        arm();
        const { done, value } = await reader.read().finally(disarm);
        if (done) stream.close();
        else stream.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
