// Fits the waiting page (#shell in index.html) to what the app will show:
// the page's own title (and the public page's opening words), no header in
// an embed, English for ?lang=en; and starts the first snapshot fetches.
(function () {
  var shell = document.getElementById("shell");
  var en = new URLSearchParams(location.search).get("lang") === "en";
  var page = (location.pathname.match(/\/(public|embed|index766)(\/|\.html)(index\.html)?$/) || [])[1];
  var title = shell.querySelector(".shell-title");
  if (page === "embed") shell.removeChild(shell.querySelector(".site-header"));
  else if (page === "public") {
    title.textContent = en ? "Public results of administrative procedures" : "Công khai kết quả giải quyết thủ tục hành chính";
    // The page's opening words need no figures: a citizen reads them at once.
    var intro = document.createElement("p");
    intro.className = "public-intro";
    intro.textContent = en
      ? "This page shows how the public offices of the area handled the administrative procedures of citizens and businesses: on time or not, how many dossiers were submitted online, and whether people were satisfied."
      : "Trang này cho biết các cơ quan trên địa bàn đã giải quyết hồ sơ thủ tục hành chính của người dân và doanh nghiệp như thế nào: có đúng hạn không, bao nhiêu hồ sơ nộp qua mạng và người dân có hài lòng không.";
    var main = document.createElement("div");
    main.className = "page public";
    main.appendChild(intro);
    shell.insertBefore(main, shell.querySelector(".loading"));
  }
  else if (page === "index766")
    title.textContent = en ? "Service-quality index (766)" : "Chỉ số chất lượng phục vụ (766)";
  else if (en) title.textContent = "Administrative reform dashboard";
  if (en) {
    if (page !== "embed") shell.querySelector(".brand-kicker").textContent = "PAR";
    shell.querySelector(".loading").textContent = "Loading data…";
    document.documentElement.lang = "en";
  }
  // The first snapshot files, asked for now, while the wasm downloads: the
  // manifest (taking over its preload) and, on a page whose URL names no
  // unit, the province file the manifest names for the default unit. The
  // app takes these fetches (parTake) instead of asking again
  // (app/src/data/load.rs), so on a slow link the province file no longer
  // waits for the app to start and for a round trip after it.
  var data = new URL("data/", document.baseURI).href;
  var early = {};
  window.parTake = function (file) { var started = early[file]; delete early[file]; return started; };
  var manifest = early["manifest.json"] = fetch(data + "manifest.json");
  if (!/[?&]unit=/.test(location.search) && location.pathname.indexOf("/unit/") < 0)
    manifest.then(function (r) { return r.ok && r.clone().json(); })
      .then(function (m) { if (m && m.default_file) early[m.default_file] = fetch(data + m.default_file); })
      .catch(function () {});
  // Done: the page's body holds no script of its own.
  document.currentScript.remove();
})();
