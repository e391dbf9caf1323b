// The lesson book's pages: the slider swaps the lesson's run for another precomputed one, and the
// copy buttons copy a command. Nothing is fetched: every run is already in the page.
"use strict";

(function () {
    // The projector view: a class on the whole page, remembered for the next page and the next
    // visit (where the browser keeps storage for file:// pages), and asked for by #view=projector.
    const toggle = document.querySelector("button.view-toggle");
    const stored = function () {
        try {
            return window.localStorage.getItem("backprop-book-view");
        } catch (error) {
            return null;
        }
    };
    const setView = function (projector, remember) {
        document.documentElement.classList.toggle("projector", projector);
        if (toggle) {
            toggle.setAttribute("aria-pressed", String(projector));
            toggle.textContent = projector ? "Reading view" : "Projector view";
        }
        if (remember) {
            try {
                const view = projector ? "projector" : "reading";
                window.localStorage.setItem("backprop-book-view", view);
            } catch (error) {
                // Nothing kept: the view still changes on this page.
            }
        }
    };
    const hashed = new URLSearchParams(window.location.hash.slice(1)).get("view");
    setView((hashed || stored()) === "projector", false);
    if (toggle) {
        toggle.addEventListener("click", function () {
            setView(!document.documentElement.classList.contains("projector"), true);
        });
    }

    const slider = document.getElementById("explore");
    if (slider) {
        const run = document.getElementById("run");
        const shown = document.getElementById("explore-value");
        const command = document.getElementById("explore-command");
        const runs = new Map();
        for (const template of document.querySelectorAll("template[data-position]")) {
            runs.set(template.dataset.position, template);
        }
        // Shows the run kept at `position` ("own" for the lesson's own run) in place of the one
        // shown.
        const show = function (position) {
            const template = runs.get(position);
            if (!template) {
                return;
            }
            run.replaceChildren(template.content.cloneNode(true));
            run.dataset.position = position;
            shown.textContent = template.dataset.label;
            command.textContent = template.dataset.command;
        };
        slider.addEventListener("input", function () {
            show(slider.value);
        });
        document.getElementById("explore-own").addEventListener("click", function () {
            show("own");
        });
        window.lessonBook = { show: show };
    }

    // Copy buttons: the clipboard where the browser allows it, else a selection copied.
    const copied = function (button) {
        button.textContent = "Copied";
        setTimeout(function () {
            button.textContent = "Copy";
        }, 1500);
    };
    const copyBySelection = function (text) {
        const area = document.createElement("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        area.remove();
    };
    for (const button of document.querySelectorAll("button.copy")) {
        button.addEventListener("click", function () {
            const text = button.dataset.copy;
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(text).then(
                    function () {
                        copied(button);
                    },
                    function () {
                        copyBySelection(text);
                        copied(button);
                    });
            } else {
                copyBySelection(text);
                copied(button);
            }
        });
    }

    // A link can choose a run (#explore=5) and a paper size for printing (#paper=a4 or letter).
    const asked = new URLSearchParams(window.location.hash.slice(1));
    // A link to one run (to show it in class) opens at the slider, that run shown.
    if (slider && asked.has("explore")) {
        slider.value = asked.get("explore");
        slider.dispatchEvent(new Event("input"));
        const projector = document.documentElement.classList.contains("projector");
        (projector ? document.getElementById("run") : slider.closest("section")).scrollIntoView();
    }
    const paper = { a4: "A4", letter: "letter" }[asked.get("paper")];
    if (paper) {
        const style = document.createElement("style");
        style.textContent = "@page { size: " + paper + "; }";
        document.head.appendChild(style);
    }
})();
