import type { Page } from "playwright-core";

export type FrameStats = {
  frames: number;
  maxFrameMs: number;
  p95FrameMs: number;
  slowFrames: number;
  longestTaskMs: number;
  longTasks: number;
};

declare global {
  interface Window {
    frameMonitor?: { start(): void; stop(): FrameStats };
  }
}

/**
 * Installs, before the app loads, a monitor of frame intervals (requestAnimationFrame) and long tasks
 * (PerformanceObserver), to measure whether the page stays responsive.
 */
export async function installFrameMonitor(page: Page) {
  await page.addInitScript(() => {
    let gaps: number[] = [];
    let tasks: number[] = [];
    let running = false;
    let last = 0;
    new PerformanceObserver((list) => {
      if (running) for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: "longtask", buffered: false });
    const tick = (now: number) => {
      if (!running) return;
      if (last) gaps.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    window.frameMonitor = {
      start() {
        gaps = [];
        tasks = [];
        last = 0;
        running = true;
        requestAnimationFrame(tick);
      },
      stop() {
        running = false;
        const sorted = [...gaps].sort((a, b) => a - b);
        return {
          frames: gaps.length,
          maxFrameMs: Math.round(sorted.at(-1) ?? 0),
          p95FrameMs: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
          slowFrames: gaps.filter((gap) => gap > 50).length,
          longestTaskMs: Math.round(Math.max(0, ...tasks)),
          longTasks: tasks.length,
        };
      },
    };
  });
}

export const startFrames = (page: Page) => page.evaluate(() => window.frameMonitor?.start());
export const stopFrames = (page: Page) => page.evaluate(() => window.frameMonitor?.stop() as FrameStats);
