import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { ClientContext, createBrowserClient } from "./app/client.ts";
import "./styles/index.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <ClientContext value={createBrowserClient()}>
      <App />
    </ClientContext>
  </StrictMode>,
);
