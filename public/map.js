// Draws every map of the page: an element with `data-map-points` (the initiatives search's map,
// an initiative's lineage, a New CITYzens Day) becomes clustered markers (Leaflet and Leaflet.markercluster, served
// by the site), each with a popup linking to the initiative. Loaded on every page (it is small)
// and watching the page, so a map shown after an in-app navigation is drawn too; Leaflet itself
// is fetched only when a map is there. Titles are set as text, never as HTML. Without tiles (no
// network), the markers still show; without JavaScript, the list beside each map stays.
(function () {
  'use strict';
  var LEAFLET = '/vendor/leaflet-1.9.4';
  var CLUSTER = '/vendor/leaflet.markercluster-1.5.3';
  var loading = null;

  function stylesheet(href) {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }

  function script(src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement('script');
      element.src = src;
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function leaflet() {
    if (window.L && window.L.markerClusterGroup) return Promise.resolve();
    if (!loading) {
      stylesheet(LEAFLET + '/leaflet.css');
      stylesheet(CLUSTER + '/MarkerCluster.css');
      stylesheet(CLUSTER + '/MarkerCluster.Default.css');
      loading = script(LEAFLET + '/leaflet.js').then(function () {
        return script(CLUSTER + '/leaflet.markercluster.js');
      });
    }
    return loading;
  }

  function popup(point) {
    var content = document.createElement('div');
    var link = document.createElement('a');
    link.href = point.href || '/initiatives/' + point.id;
    link.textContent = point.title;
    var place = document.createElement('p');
    place.textContent = point.place;
    content.appendChild(link);
    content.appendChild(place);
    return content;
  }

  // The marker layer of each drawn map, to redraw the markers when the page's points change.
  var drawn = new WeakMap();

  // Puts the element's points on `cluster` (instead of those it had); their coordinates.
  function markers(element, cluster) {
    var points = JSON.parse(element.getAttribute('data-map-points') || '[]');
    var bounds = [];
    cluster.clearLayers();
    points.forEach(function (point) {
      var marker = L.marker([point.latitude, point.longitude], { title: point.title, alt: point.title });
      marker.bindPopup(popup(point));
      cluster.addLayer(marker);
      bounds.push([point.latitude, point.longitude]);
    });
    return bounds;
  }

  function draw(element) {
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.getAttribute('data-tiles'), {
      attribution: element.getAttribute('data-attribution'),
      maxZoom: 18,
    }).addTo(map);
    var cluster = L.markerClusterGroup();
    var bounds = markers(element, cluster);
    drawn.set(element, cluster);
    map.addLayer(cluster);
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
    } else {
      map.setView([20, 0], 2);
    }
    element.setAttribute('data-ready', 'true');
  }

  function drawAll() {
    var waiting = document.querySelectorAll('[data-map-points]:not([data-drawing])');
    if (!waiting.length) return;
    waiting.forEach(function (element) {
      element.setAttribute('data-drawing', 'true');
    });
    leaflet().then(
      function () {
        waiting.forEach(function (element) {
          if (element.isConnected) draw(element);
        });
      },
      function () {
        // Leaflet did not load (a network blip): the next map shown tries again.
        loading = null;
        waiting.forEach(function (element) {
          element.removeAttribute('data-drawing');
        });
      },
    );
  }

  // A page that refreshes its points (a New CITYzens Day, every minute) changes the attribute:
  // the markers follow, the reader's zoom and position stay.
  function changed(mutations) {
    mutations.forEach(function (mutation) {
      var cluster = mutation.type === 'attributes' && drawn.get(mutation.target);
      if (cluster) markers(mutation.target, cluster);
    });
    drawAll();
  }

  drawAll();
  new MutationObserver(changed).observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-map-points'],
  });
})();
