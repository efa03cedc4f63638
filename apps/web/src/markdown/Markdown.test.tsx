import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Markdown } from "./Markdown.tsx";

describe("Markdown", () => {
  it("renders GitHub tables, lists and highlighted code with a copy button", () => {
    const text = "- a\n- b\n\n| x | y |\n| - | - |\n| 1 | 2 |\n\n```js\nconst answer = 42;\n```\n";
    const { container, getByRole } = render(<Markdown text={text} streaming={false} />);
    expect(container.querySelectorAll("li")).toHaveLength(2);
    expect(container.querySelector("table td")?.textContent).toBe("1");
    expect(container.querySelector("code .hljs-keyword")?.textContent).toBe("const");
    expect(getByRole("button", { name: "Copy code" })).toBeTruthy();
  });

  it("removes scripts and event handlers from the HTML a model writes", () => {
    const text = 'Hi <img src="x" onerror="alert(1)"><script>alert(2)</script> [link](javascript:alert(3))';
    const { container } = render(<Markdown text={text} streaming={false} />);
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("img")?.getAttribute("onerror")).toBeNull();
    expect(container.querySelector("a")?.getAttribute("href") ?? "").not.toMatch(/javascript/);
  });

  it("does not highlight a code block while it is still growing", () => {
    const { container, rerender } = render(<Markdown text={"```js\nconst a"} streaming={true} />);
    expect(container.querySelector("code .hljs-keyword")).toBeNull();
    expect(container.querySelector("code")?.textContent).toBe("const a");
    rerender(<Markdown text={"```js\nconst a = 1;\n```"} streaming={false} />);
    expect(container.querySelector("code .hljs-keyword")?.textContent).toBe("const");
  });

  it("keeps the alignment of table columns as align attributes, which the CSS styles (the CSP blocks inline styles)", () => {
    const text = "| left | center | right |\n| :-- | :-: | --: |\n| a | b | c |\n";
    const { container } = render(<Markdown text={text} streaming={false} />);
    const aligns = [...container.querySelectorAll("tbody td")].map((cell) => cell.getAttribute("align"));
    expect(aligns).toEqual(["left", "center", "right"]);
    expect(container.querySelector("[style]")).toBeNull();
    expect(container.querySelector(".table-scroll > table")).not.toBeNull();
  });
});
