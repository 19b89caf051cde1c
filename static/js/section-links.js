/* Progressive enhancement for "Link zu diesem Abschnitt": the link works without
   JavaScript (it is an ordinary link to the section's anchor). With JavaScript it also
   copies the full address and announces that to screen readers. */
(function () {
  "use strict";
  var status = document.getElementById("copy-status");
  if (!status || !navigator.clipboard) {
    return;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.section-link");
    if (!link) {
      return;
    }
    var address = new URL(link.getAttribute("href"), window.location.href).href;
    navigator.clipboard.writeText(address).then(function () {
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = link.getAttribute("data-copied") + " " + address;
      }, 50);
    }, function () { /* copying refused: the link still works */ });
  });
}());
