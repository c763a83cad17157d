// Behaviour shared by every page. No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
    'use strict';

    // htmx requests carry the CSRF token that Spring Security expects on every state-changing request.
    document.addEventListener('htmx:configRequest', function (event) {
        var token = document.querySelector('meta[name="_csrf"]');
        var header = document.querySelector('meta[name="_csrf_header"]');
        if (token && header) {
            event.detail.headers[header.getAttribute('content')] = token.getAttribute('content');
        }
    });

    // A button with data-clears="id" empties that element when its request starts: an answer shown there before
    // (the model editor's dry run and check share one page) no longer stands beside the new one.
    document.addEventListener('htmx:beforeRequest', function (event) {
        var id = event.detail.elt && event.detail.elt.getAttribute && event.detail.elt.getAttribute('data-clears');
        var target = id && document.getElementById(id);
        if (target) {
            target.replaceChildren();
        }
    });

    function toggleTheme() {
        var root = document.documentElement;
        var next = root.getAttribute('data-bs-theme') === 'dark' ? 'light' : 'dark';
        root.setAttribute('data-bs-theme', next);
        try { localStorage.setItem('amalgam-theme', next); } catch (e) { /* storage may be disabled */ }
    }

    // Widths come from data-width, because the Content-Security-Policy forbids inline style attributes.
    function applyWidths(root) {
        if (root.matches && root.matches('[data-width]')) {
            root.style.width = root.getAttribute('data-width') + '%';
        }
        root.querySelectorAll('[data-width]').forEach(function (el) {
            el.style.width = el.getAttribute('data-width') + '%';
        });
    }
    document.addEventListener('htmx:load', function (event) { applyWidths(event.target); });

    document.addEventListener('DOMContentLoaded', function () {
        applyWidths(document);
        var toggle = document.getElementById('theme-toggle');
        if (toggle) {
            toggle.addEventListener('click', toggleTheme);
        }
        document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (el) {
            if (window.bootstrap) { new window.bootstrap.Tooltip(el); }
        });
        // '/' focuses the search box, as in most data tools.
        document.addEventListener('keydown', function (event) {
            var search = document.querySelector('[data-search-shortcut]');
            var tag = (event.target && event.target.tagName) || '';
            if (event.key === '/' && search && tag !== 'INPUT' && tag !== 'TEXTAREA' && tag !== 'SELECT') {
                event.preventDefault();
                search.focus();
            }
        });
    });

    // Review shortcuts: a button or link with data-shortcut="k" is pressed by the key k, unless the user is typing.
    document.addEventListener('keydown', function (event) {
        var tag = (event.target && event.target.tagName) || '';
        if (event.ctrlKey || event.metaKey || event.altKey || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
            return;
        }
        var target = document.querySelector('[data-shortcut="' + event.key + '"]');
        if (target) {
            event.preventDefault();
            target.click();
        }
    });

    // Copy buttons: data-copy holds the text to put on the clipboard.
    document.addEventListener('click', function (event) {
        var button = event.target.closest('[data-copy]');
        if (!button || !navigator.clipboard) { return; }
        navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
            button.classList.add('copied');
            setTimeout(function () { button.classList.remove('copied'); }, 1200);
        });
    });
})();
