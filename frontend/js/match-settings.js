// The match settings page: draws the histogram of match scores with Chart.js, the two thresholds as labelled
// vertical lines (a small plugin), and redraws it when htmx brings a new one. The data is in the canvas's data-chart
// attribute, as the Content-Security-Policy forbids inline scripts.
(function () {
    'use strict';

    function cssColor(name, fallback) {
        var value = getComputedStyle(document.documentElement).getPropertyValue(name);
        return value && value.trim() ? value.trim() : fallback;
    }

    // Draws each threshold as a dashed vertical line with its name at the top.
    var thresholdLines = {
        id: 'thresholdLines',
        afterDatasetsDraw: function (chart, args, options) {
            var x = chart.scales.x;
            var area = chart.chartArea;
            var ctx = chart.ctx;
            (options.lines || []).forEach(function (line) {
                var px = x.getPixelForValue(line.value);
                if (px < area.left || px > area.right) { return; }
                ctx.save();
                ctx.strokeStyle = line.color;
                ctx.lineWidth = 2;
                ctx.setLineDash([6, 4]);
                ctx.beginPath();
                ctx.moveTo(px, area.top);
                ctx.lineTo(px, area.bottom);
                ctx.stroke();
                ctx.setLineDash([]);
                ctx.font = '600 12px system-ui, sans-serif';
                ctx.textBaseline = 'top';
                var width = ctx.measureText(line.label).width;
                var y = area.top + 2 + line.row * 18;
                ctx.fillStyle = line.background;
                ctx.fillRect(px + 3, y - 1, width + 6, 16);
                ctx.fillStyle = line.color;
                ctx.fillText(line.label, px + 6, y);
                ctx.restore();
            });
        }
    };

    function draw(canvas) {
        if (!window.Chart || canvas.chart) { return; }
        var data = JSON.parse(canvas.getAttribute('data-chart'));
        var same = cssColor('--bs-success', '#198754');
        var possible = cssColor('--bs-warning', '#ffc107');
        var different = cssColor('--bs-secondary', '#6c757d');
        var text = cssColor('--bs-body-color', '#212529');
        var grid = cssColor('--bs-border-color', '#dee2e6');
        var background = cssColor('--bs-body-bg', '#ffffff');
        var points = data.bins.map(function (bin) {
            return {x: (bin[0] + bin[1]) / 2, y: bin[2], from: bin[0], to: bin[1]};
        });
        var colors = data.bins.map(function (bin) {
            var middle = (bin[0] + bin[1]) / 2;
            return middle >= data.same ? same : middle >= data.possible ? possible : different;
        });
        var first = data.bins[0][0];
        var last = data.bins[data.bins.length - 1][1];
        canvas.chart = new window.Chart(canvas, {
            type: 'bar',
            data: {
                datasets: [{
                    label: data.labels.y,
                    data: points,
                    backgroundColor: colors,
                    borderColor: colors,
                    borderWidth: 1,
                    barPercentage: 1,
                    categoryPercentage: 1,
                    grouped: false
                }]
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                parsing: false,
                scales: {
                    x: {
                        type: 'linear',
                        min: first,
                        max: last,
                        offset: false,
                        title: {display: true, text: data.labels.x, color: text},
                        ticks: {color: text},
                        grid: {color: grid}
                    },
                    y: {
                        beginAtZero: true,
                        title: {display: true, text: data.labels.y, color: text},
                        ticks: {color: text, precision: 0},
                        grid: {color: grid}
                    }
                },
                plugins: {
                    legend: {display: false},
                    tooltip: {
                        callbacks: {
                            title: function (items) {
                                var p = items[0].raw;
                                return p.from + ' … ' + p.to + ' bits';
                            }
                        }
                    },
                    thresholdLines: {
                        lines: [
                            {value: data.possible, label: data.labels.possible, color: text, background: background, row: 1},
                            {value: data.same, label: data.labels.same, color: text, background: background, row: 0}
                        ]
                    }
                }
            },
            plugins: [thresholdLines]
        });
    }

    function drawAll(root) {
        if (root.matches && root.matches('canvas[data-chart]')) {
            draw(root);
        }
        if (root.querySelectorAll) {
            root.querySelectorAll('canvas[data-chart]').forEach(draw);
        }
    }

    document.addEventListener('DOMContentLoaded', function () {
        drawAll(document);
        // the chart's colours come from the theme: draw it again when the theme changes
        new MutationObserver(function () {
            document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
                if (canvas.chart) {
                    canvas.chart.destroy();
                    canvas.chart = null;
                }
                draw(canvas);
            });
        }).observe(document.documentElement, {attributes: true, attributeFilter: ['data-bs-theme']});
    });
    document.addEventListener('htmx:load', function (event) { drawAll(event.target); });

    // A failed htmx call says so where its answer would have gone, instead of doing nothing.
    document.addEventListener('htmx:responseError', function (event) {
        var target = event.detail.target;
        if (!target || !target.hasAttribute('data-error-message')) { return; }
        var alert = document.createElement('div');
        alert.className = 'alert alert-danger';
        alert.setAttribute('role', 'alert');
        alert.textContent = target.getAttribute('data-error-message') + ' (HTTP ' + event.detail.xhr.status + ')';
        target.replaceChildren(alert);
    });
})();
