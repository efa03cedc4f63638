import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef } from "react";

/** Within this many pixels of the end, the view follows new content. */
const NEAR_BOTTOM_PX = 48;

/**
 * Keeps a scroll container at its end while content grows (a streaming answer), unless the reader
 * scrolled up; `stick()` brings it back down, e.g. after sending.
 */
export function useStickToBottom(scroller: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>) {
  const atBottom = useRef(true);

  const scrollToEnd = useCallback(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [scroller]);

  useLayoutEffect(scrollToEnd, [scrollToEnd]);

  useEffect(() => {
    const element = scroller.current;
    const inner = content.current;
    if (!element || !inner) return;
    const onScroll = () => {
      atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    };
    const observer = new ResizeObserver(() => {
      if (atBottom.current) scrollToEnd();
    });
    element.addEventListener("scroll", onScroll, { passive: true });
    observer.observe(inner);
    return () => {
      element.removeEventListener("scroll", onScroll);
      observer.disconnect();
    };
  }, [scroller, content, scrollToEnd]);

  return useCallback(() => {
    atBottom.current = true;
    scrollToEnd();
  }, [scrollToEnd]);
}
