/** `react-dom` (and `react-dom/client`) for plugin UI modules: the app's own copy. */
import ReactDOM from "react-dom";

export default ReactDOM;
export { createPortal, flushSync } from "react-dom";
export { createRoot } from "react-dom/client";
