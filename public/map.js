// Draws the initiatives of the current search on the map page: clustered markers (Leaflet and
// Leaflet.markercluster, served by the site), each with a popup linking to the initiative.
// Titles are set as text, never as HTML. Without tiles (no network), the markers still show.
(function () {
  'use strict';
  var element = document.getElementById('initiative-map');
  if (!element || !window.L) return;
  var points = JSON.parse(element.getAttribute('data-points') || '[]');
  var map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer(element.getAttribute('data-tiles'), {
    attribution: element.getAttribute('data-attribution'),
    maxZoom: 18,
  }).addTo(map);
  var cluster = L.markerClusterGroup();
  var bounds = [];
  points.forEach(function (point) {
    var popup = document.createElement('div');
    var link = document.createElement('a');
    link.href = '/initiatives/' + point.id;
    link.textContent = point.title;
    var place = document.createElement('p');
    place.textContent = point.place;
    popup.appendChild(link);
    popup.appendChild(place);
    var marker = L.marker([point.latitude, point.longitude], { title: point.title, alt: point.title });
    marker.bindPopup(popup);
    cluster.addLayer(marker);
    bounds.push([point.latitude, point.longitude]);
  });
  map.addLayer(cluster);
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
  } else {
    map.setView([20, 0], 2);
  }
  element.setAttribute('data-ready', 'true');
})();
