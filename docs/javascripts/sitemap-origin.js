// Material's instant navigation follows only links listed in sitemap.xml, whose addresses carry the
// site_url of the build; it adopts the served protocol and host but keeps the sitemap's port. Served
// on any other port (a local preview), every click silently became a full reload. This rewrites the
// sitemap's origin to the served one as material parses it. Loaded in <head>, before material's bundle.
(function () {
  "use strict";
  const canonical = document.querySelector("link[rel=canonical]");
  if (!canonical) return;
  const built = new URL(canonical.href).origin;
  if (built === location.origin) return;
  const parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    if (type === "text/xml" && text.includes("<urlset")) text = text.split(built + "/").join(location.origin + "/");
    return parse.call(this, text, type);
  };
})();
