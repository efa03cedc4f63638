/** `react/jsx-runtime` for plugin UI modules compiled with the automatic JSX runtime: the app's own. */
export { Fragment, jsx, jsxs } from "react/jsx-runtime";
