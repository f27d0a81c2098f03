// headrecon QC report: the 3-D viewer of a subject's fused cloud or mesh (three.js r88).
(function () {
  'use strict';
  var canvas = document.getElementById('viewer');
  var status = document.getElementById('viewer-status');
  var data = window.HEADRECON_CLOUD;
  if (!canvas || !data) { return; }

  function decode(base64, Type) {
    var bin = atob(base64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return new Type(bytes.buffer);
  }

  var renderer;
  try {
    renderer = new THREE.WebGLRenderer({ canvas: canvas, antialias: true, preserveDrawingBuffer: true });
  } catch (e) {
    status.textContent = 'The 3-D viewer needs WebGL: ' + e.message;
    return;
  }
  renderer.setPixelRatio(1);
  renderer.setSize(canvas.width, canvas.height, false);
  renderer.setClearColor(0xececec, 1);

  var scene = new THREE.Scene();
  var camera = new THREE.PerspectiveCamera(30, canvas.width / canvas.height, 1, 100000);
  var distance = Math.max(50, data.radiusMm * 4.2);
  camera.position.set(0, 0, distance);
  camera.lookAt(new THREE.Vector3(0, 0, 0));

  var geometry = new THREE.BufferGeometry();
  geometry.addAttribute('position', new THREE.BufferAttribute(decode(data.positions, Float32Array), 3));
  geometry.addAttribute('color', new THREE.BufferAttribute(decode(data.colors, Uint8Array), 3, true));
  var object;
  if (data.triangles) {
    geometry.setIndex(new THREE.BufferAttribute(decode(data.triangles, Uint32Array), 1));
    geometry.computeVertexNormals();
    object = new THREE.Mesh(geometry, new THREE.MeshLambertMaterial({
      vertexColors: THREE.VertexColors, side: THREE.DoubleSide }));
    scene.add(new THREE.AmbientLight(0xffffff, 0.45));
    var light = new THREE.DirectionalLight(0xffffff, 0.6);
    light.position.set(0.3, 0.5, 1);
    scene.add(light);
  } else {
    object = new THREE.Points(geometry, new THREE.PointsMaterial({
      size: data.pointSizeMm, vertexColors: THREE.VertexColors, sizeAttenuation: true }));
  }
  var group = new THREE.Group();
  group.add(object);
  scene.add(group);

  function draw() { renderer.render(scene, camera); }

  var dragging = null;
  canvas.addEventListener('mousedown', function (e) { dragging = { x: e.clientX, y: e.clientY }; });
  window.addEventListener('mouseup', function () { dragging = null; });
  window.addEventListener('mousemove', function (e) {
    if (!dragging) { return; }
    group.rotation.y += (e.clientX - dragging.x) * 0.01;
    group.rotation.x += (e.clientY - dragging.y) * 0.01;
    dragging = { x: e.clientX, y: e.clientY };
    draw();
  });
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    camera.position.z *= e.deltaY > 0 ? 1.1 : 1 / 1.1;
    draw();
  });
  draw();
  status.textContent = data.count + (data.triangles ? ' vertices (mesh)' : ' points') + ' shown';
  window.headreconViewerDrawn = true;
})();
