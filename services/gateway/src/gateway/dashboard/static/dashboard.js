// Progressive enhancement for the dashboard: every page works without this file.
"use strict";

(function () {
  // What the page says, in its language (data-text-* of #texts); English when absent.
  function t(name, fallback) {
    var texts = document.getElementById("texts");
    var key = "text" + name.charAt(0).toUpperCase() + name.slice(1);
    return (texts && texts.dataset[key]) || fallback;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // -- recent events, live over server-sent events --------------------------------------
  function liveEvents() {
    var list = document.getElementById("events-list");
    if (!list || !window.EventSource) return;
    var state = document.getElementById("events-state");
    var source = new EventSource(list.dataset.stream + "?after=" + encodeURIComponent(list.dataset.after || "0"));
    source.addEventListener("feed", function (message) {
      var item = JSON.parse(message.data);
      if (list.querySelector('[data-position="' + item.position + '"]')) return;
      var empty = list.querySelector(".empty");
      if (empty) empty.remove();
      var li = el("li", { "data-position": String(item.position), "data-type": item.type, "class": "new" });
      li.appendChild(el("span", { "class": "label" }, item.label));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("time", { datetime: item.time }, item.time.slice(0, 16).replace("T", " ")));
      list.insertBefore(li, list.firstChild);
      while (list.children.length > 20) list.removeChild(list.lastChild);
    });
    source.onopen = function () { if (state) state.textContent = t("live", "Updated live."); };
    source.onerror = function () { if (state) state.textContent = t("reconnecting", "Reconnecting…"); };
  }

  // -- open applications, for an admin signed in with an API key ------------------------
  var KEY = "copper.adminKey";

  async function countApplications(status, key) {
    var total = 0, cursor = null;
    for (var page = 0; page < 25; page++) {
      var url = "/api/v1/membership/applications?limit=200&status=" + encodeURIComponent(status) +
        (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
      var response = await fetch(url, { headers: { Authorization: "Bearer " + key, Accept: "application/json", "Accept-Language": document.documentElement.lang } });
      if (!response.ok) throw response;
      var body = await response.json();
      total += body.items.length;
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    return total;
  }

  function admin() {
    var signin = document.getElementById("admin-signin");
    var panel = document.getElementById("admin-panel");
    if (!signin || !panel) return;
    var error = document.getElementById("admin-error");

    async function show() {
      var key = sessionStorage.getItem(KEY);
      signin.hidden = !!key;
      panel.hidden = !key;
      if (!key) return;
      error.hidden = true;
      var cells = panel.querySelectorAll("[data-open-count]");
      for (var i = 0; i < cells.length; i++) {
        try {
          cells[i].textContent = String(await countApplications(cells[i].dataset.openCount, key));
        } catch (failed) {
          var status = failed && failed.status;
          if (status === 401 || status === 403) {
            sessionStorage.removeItem(KEY);
            error.textContent = t("notAdmin", "That key is not an admin key (or it was revoked).");
            error.hidden = false;
            signin.hidden = false;
            panel.hidden = true;
            return;
          }
          cells[i].textContent = "—";
        }
      }
    }

    signin.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = document.getElementById("admin-key");
      sessionStorage.setItem(KEY, input.value.trim());
      input.value = "";
      show();
    });
    document.getElementById("admin-signout").addEventListener("click", function () {
      sessionStorage.removeItem(KEY);
      show();
    });
    show();
  }

  // -- the membership application: the API's field errors next to each field -----------
  function applyForm() {
    var form = document.getElementById("apply-form");
    if (!form || !window.fetch) return;
    var failure = document.getElementById("apply-failure");
    var fields = ["legal_name", "stir", "region", "sectors", "requested_cathode_tpy",
      "contact.name", "contact.email", "contact.phone", "proposal"];

    function clear() {
      failure.hidden = true;
      document.querySelectorAll("[data-error-for]").forEach(function (p) { p.hidden = true; p.textContent = ""; });
      form.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
    }

    function showError(field, message, type) {
      var name = fields.filter(function (f) { return field === f || field.indexOf(f + ".") === 0; })[0] || "form";
      var p = document.querySelector('[data-error-for="' + name + '"]');
      if (!p || !p.hidden) return;
      var understood = /(pattern_mismatch|parsing|enum|too_short)$/.test(type || "");
      p.textContent = understood && p.dataset.hint ? p.dataset.hint : message;
      p.hidden = false;
      var input = document.getElementById(name) || form.querySelector('[name="' + name + '"]');
      if (input) input.setAttribute("aria-invalid", "true");
    }

    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      clear();
      var data = new FormData(form);
      var text = function (name) { return String(data.get(name) || "").trim(); };
      var body = {
        legal_name: text("legal_name"), stir: text("stir"), region: text("region"),
        sectors: data.getAll("sectors"), planned_products: [],
        requested_cathode_tpy: text("requested_cathode_tpy") || "0",
        contact: { name: text("contact.name"), email: text("contact.email"), phone: text("contact.phone") },
        proposal: text("proposal")
      };
      var response;
      try {
        response = await fetch(form.dataset.api, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": document.documentElement.lang },
          body: JSON.stringify(body)
        });
      } catch (e) {
        failure.textContent = t("unreachable", "The platform is not reachable; please try again.");
        failure.hidden = false;
        return;
      }
      var answer = await response.json().catch(function () { return {}; });
      if (response.status === 201) {
        var result = document.getElementById("apply-result");
        result.replaceChildren();
        result.appendChild(el("h2", {}, t("received", "Application received")));
        result.appendChild(el("p", {}, t("submitted", "Your application for {name} is submitted.").replace("{name}", answer.legal_name)));
        var dl = el("dl", { "class": "secret" });
        dl.appendChild(el("dt", {}, t("applicationId", "Application id")));
        dl.appendChild(el("dd", {})).appendChild(el("code", { "data-application-id": "" }, answer.id));
        dl.appendChild(el("dt", {}, t("accessToken", "Access token")));
        dl.appendChild(el("dd", {})).appendChild(el("code", { "data-access-token": "" }, answer.access_token));
        result.appendChild(dl);
        result.appendChild(el("p", {}, t("keep", "Keep the access token now: it is shown only once.")));
        form.hidden = true;
        result.hidden = false;
        result.focus();
        return;
      }
      (answer.errors || []).forEach(function (e) { showError(String(e.field || ""), e.message || "invalid", e.type); });
      failure.textContent = answer.detail || t("failed", "The application could not be submitted.");
      failure.hidden = false;
      var first = form.querySelector('[aria-invalid="true"]');
      if (first) first.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    liveEvents();
    admin();
    applyForm();
  });
})();
