// Offline after one visit (public/sw.js), registered once the page has
// loaded. The worker is told every file the page loads, so that it
// keeps those it did not see (loaded before it took over).
addEventListener("load", () => {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  const loaded = [location.href];
  const tell = () => {
    if (sw.controller && loaded.length) sw.controller.postMessage(loaded.splice(0));
  };
  new PerformanceObserver((list) => {
    loaded.push(...list.getEntries().map((e) => e.name));
    tell();
  }).observe({ type: "resource", buffered: true });
  sw.addEventListener("controllerchange", tell);
  sw.register("sw.js").catch(() => {});
});
