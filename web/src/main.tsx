import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { start } from "./app/startup";

const root = createRoot(document.getElementById("root")!);
void start((node) => root.render(<StrictMode>{node}</StrictMode>));
