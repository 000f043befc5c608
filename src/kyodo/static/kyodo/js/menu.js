// On a narrow screen the header's tools and the main menu fold behind the "メニュー" button.
// Without this script nothing folds: the menu stays open, as it is on a wide screen.
(function () {
  var button = document.querySelector(".menu-toggle");
  if (!button) { return; }
  var header = button.closest(".site-header");
  header.classList.add("site-header--foldable");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("site-header--open", open);
  });
})();
