import type { Message } from "@slipstream/protocol";
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { LiveReplies } from "./live-replies.ts";
import { MessageView } from "./MessageView.tsx";
import { type MessageTree, siblingsOf } from "./message-tree.ts";
import { useStickToBottom } from "./use-stick-to-bottom.ts";

/** Messages rendered when a conversation opens, and added each time the reader reaches the top. */
const PAGE_SIZE = 40;

export type MessageListHandle = { scrollToEnd: () => void };

/**
 * The thread on screen. Long conversations open on their last messages and render earlier ones as the
 * reader scrolls up; messages off screen skip layout and paint (CSS `content-visibility`).
 */
export const MessageList = forwardRef<
  MessageListHandle,
  { path: Message[]; tree: MessageTree; live: LiveReplies; busy: boolean; children?: React.ReactNode }
>(function MessageList({ path, tree, live, busy, children }, handle) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const [rendered, setRendered] = useState(PAGE_SIZE);
  const scrollToEnd = useStickToBottom(scroller, content);
  useImperativeHandle(handle, () => ({ scrollToEnd }), [scrollToEnd]);

  const hidden = Math.max(0, path.length - rendered);
  useEffect(() => {
    const marker = sentinel.current;
    if (!marker || hidden === 0) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setRendered((count) => count + PAGE_SIZE);
      },
      { root: scroller.current, rootMargin: "600px 0px 0px 0px" },
    );
    observer.observe(marker);
    return () => observer.disconnect();
  }, [hidden]);

  return (
    <div className="thread-scroller" ref={scroller}>
      <div className="thread" ref={content}>
        {hidden > 0 && (
          <div ref={sentinel} className="earlier">
            <button type="button" className="link-button" onClick={() => setRendered((count) => count + PAGE_SIZE)}>
              Show {Math.min(PAGE_SIZE, hidden)} earlier messages
            </button>
          </div>
        )}
        {path.slice(hidden).map((message) => {
          const { index, count, previous, next } = siblingsOf(tree, message);
          return (
            <MessageView
              key={message.id}
              message={message}
              index={index}
              count={count}
              previous={previous}
              next={next}
              live={live}
              busy={busy}
            />
          );
        })}
        {children}
      </div>
    </div>
  );
});
