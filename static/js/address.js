/* Province → district → subdistrict selects that refill themselves from the reference API.
 *
 * Markup (see templates/enterprises/_address.html):
 *   <fieldset data-address data-districts-url=".../provinces/__code__/districts"
 *             data-subdistricts-url=".../districts/__code__/subdistricts">
 *     <input type="hidden" data-address-loaded="district">     which province the district options are for
 *     <input type="hidden" data-address-loaded="subdistrict">  which district the subdistrict options are for
 *     <select data-address-level="province|district|subdistrict"
 *             data-choose="Choose a district" data-choose-first="Choose a province first">
 *     <input data-address-postal>                              optional: filled from the subdistrict
 *     <p data-address-refresh>…</p>                            the no-JavaScript fallback, removed here
 *   </fieldset>
 *
 * Without this script the server re-renders the form with the next select filled. */
(function () {
  "use strict";

  var CHILD = { province: "district", district: "subdistrict" };

  function language() {
    return (document.documentElement.lang || "th").slice(0, 2);
  }

  function nameOf(item) {
    return language() === "en" && item.name_en ? item.name_en : item.name_th;
  }

  function setPlaceholder(select, parentChosen) {
    var text = parentChosen ? select.dataset.choose : select.dataset.chooseFirst;
    var option = document.createElement("option");
    option.value = "";
    option.textContent = text || "";
    select.replaceChildren(option);
  }

  function setUp(root) {
    var selects = {};
    var loaded = {};
    ["province", "district", "subdistrict"].forEach(function (level) {
      selects[level] = root.querySelector('[data-address-level="' + level + '"]');
      loaded[level] = root.querySelector('[data-address-loaded="' + level + '"]');
    });
    if (!selects.province || !selects.district || !selects.subdistrict) {
      return;
    }
    var urls = { district: root.dataset.districtsUrl, subdistrict: root.dataset.subdistrictsUrl };
    var postal = root.querySelector("[data-address-postal]");
    var refresh = root.querySelector("[data-address-refresh]");
    var refreshPlace = refresh ? refresh.nextSibling : null;
    var collator = new Intl.Collator(language());
    var requests = { district: 0, subdistrict: 0 };

    if (refresh) {
      refresh.remove();
    }

    function offerRefresh() {
      if (refresh && !refresh.isConnected) {
        root.insertBefore(refresh, refreshPlace);
      }
    }

    function clear(level, parentCode) {
      setPlaceholder(selects[level], Boolean(parentCode));
      if (loaded[level]) {
        loaded[level].value = parentCode || "";
      }
      if (CHILD[level]) {
        clear(CHILD[level], "");
      }
    }

    function load(level, parentCode) {
      var select = selects[level];
      var ticket = ++requests[level];
      clear(level, "");
      if (!parentCode) {
        return;
      }
      setPlaceholder(select, true);
      select.disabled = true;
      root.setAttribute("aria-busy", "true");
      fetch(urls[level].replace("__code__", encodeURIComponent(parentCode)), {
        headers: { Accept: "application/json" },
        credentials: "omit"
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (ticket !== requests[level]) {
            return;  // the reader chose again meanwhile
          }
          var items = data.items.slice().sort(function (a, b) {
            return collator.compare(nameOf(a), nameOf(b));
          });
          items.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.code;
            option.textContent = nameOf(item);
            if (item.postal_codes) {
              option.dataset.postalCodes = item.postal_codes.join(" ");
            }
            select.appendChild(option);
          });
          if (loaded[level]) {
            loaded[level].value = parentCode;
          }
        })
        .catch(function () {
          if (ticket === requests[level]) {
            offerRefresh();
          }
        })
        .finally(function () {
          if (ticket === requests[level]) {
            select.disabled = false;
            root.removeAttribute("aria-busy");
          }
        });
    }

    function fillPostal() {
      if (!postal) {
        return;
      }
      var option = selects.subdistrict.selectedOptions[0];
      var codes = option && option.dataset.postalCodes ? option.dataset.postalCodes.split(" ") : [];
      if (codes.length && codes.indexOf(postal.value.trim()) === -1) {
        postal.value = codes[0];
        postal.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    selects.province.addEventListener("change", function () {
      load("district", selects.province.value);
    });
    selects.district.addEventListener("change", function () {
      load("subdistrict", selects.district.value);
    });
    selects.subdistrict.addEventListener("change", fillPostal);
  }

  document.querySelectorAll("[data-address]").forEach(setUp);
})();
