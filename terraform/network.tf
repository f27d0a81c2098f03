# A dedicated VPC for the Dataflow workers. Workers get private IPs only
# (WORKER_IP_PRIVATE); Private Google Access on the subnet lets them reach Cloud Storage,
# Artifact Registry and the Dataflow service without external addresses or a NAT.
resource "google_compute_network" "dataflow" {
  name                    = "${var.name_prefix}-dataflow"
  project                 = var.project
  auto_create_subnetworks = false

  depends_on = [google_project_service.apis]
}

resource "google_compute_subnetwork" "dataflow" {
  name                     = "${var.name_prefix}-dataflow-${var.region}"
  project                  = var.project
  region                   = var.region
  network                  = google_compute_network.dataflow.id
  ip_cidr_range            = var.subnetwork_cidr
  private_ip_google_access = true
}

# Dataflow workers exchange shuffle data with each other on TCP 12345-12346. Dataflow tags
# every worker VM with "dataflow"; nothing else is let in.
resource "google_compute_firewall" "dataflow_workers" {
  name        = "${var.name_prefix}-dataflow-worker-to-worker"
  project     = var.project
  network     = google_compute_network.dataflow.id
  direction   = "INGRESS"
  source_tags = ["dataflow"]
  target_tags = ["dataflow"]
  priority    = 1000
  description = "Dataflow worker-to-worker shuffle traffic"

  allow {
    protocol = "tcp"
    ports    = ["12345-12346"]
  }
}
