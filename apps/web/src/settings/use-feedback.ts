import { useState } from "react";
import type { FeedbackMessage } from "./Feedback.tsx";
import { errorMessage } from "./format.ts";

/** A section's last outcome; `run` performs one of its actions and turns a failure into an error message. */
export function useFeedback() {
  const [feedback, setFeedback] = useState<FeedbackMessage>();
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (failure) {
      setFeedback({ kind: "error", text: errorMessage(failure) });
    }
  };
  return { feedback, setFeedback, run };
}
