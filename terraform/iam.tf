# Two service accounts, each with only what it needs. No primitive role (owner, editor,
# viewer) anywhere; object access is granted per bucket, never project-wide.

# --- Worker: runs the Flex Template launcher VM and the Dataflow worker VMs. ---------------
resource "google_service_account" "worker" {
  project      = var.project
  account_id   = "${var.name_prefix}-df-worker"
  display_name = "headrecon Dataflow worker"
  description  = "Runs the ReconstructHeads Flex Template launcher and Dataflow workers."
}

# The only project-level role of the worker: lease work items, write logs and metrics.
resource "google_project_iam_member" "worker_dataflow_worker" {
  project = var.project
  role    = "roles/dataflow.worker"
  member  = "serviceAccount:${google_service_account.worker.email}"
}

# Read photos, manifests and the model.
resource "google_storage_bucket_iam_member" "worker_reads_inputs" {
  bucket = google_storage_bucket.inputs.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.worker.email}"
}

# Write results. Beam's file sinks write temporary files, then copy and delete them, which
# needs create, get, list and delete on objects: objectAdmin on this bucket only.
resource "google_storage_bucket_iam_member" "worker_writes_outputs" {
  bucket = google_storage_bucket.outputs.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.worker.email}"
}

# Temp and staging files.
resource "google_storage_bucket_iam_member" "worker_uses_temp" {
  bucket = google_storage_bucket.temp.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.worker.email}"
}

# Beam checks at launch that the temp/staging bucket exists (storage.buckets.get), which
# objectAdmin does not include.
resource "google_storage_bucket_iam_member" "worker_sees_temp_bucket" {
  bucket = google_storage_bucket.temp.name
  role   = "roles/storage.legacyBucketReader"
  member = "serviceAccount:${google_service_account.worker.email}"
}

# Pull the launcher / worker image.
resource "google_artifact_registry_repository_iam_member" "worker_pulls_image" {
  project    = var.project
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:${google_service_account.worker.email}"
}

# --- Scheduler: Cloud Scheduler calls the nightly workflow as this account, and the
# workflow launches the Flex Template as this account. ----------------------------------
resource "google_service_account" "scheduler" {
  project      = var.project
  account_id   = "${var.name_prefix}-scheduler"
  display_name = "headrecon nightly scheduler"
  description  = "Starts the nightly workflow and launches the ReconstructHeads Flex Template."
}

# Create Dataflow jobs (flexTemplates.launch).
resource "google_project_iam_member" "scheduler_dataflow_developer" {
  project = var.project
  role    = "roles/dataflow.developer"
  member  = "serviceAccount:${google_service_account.scheduler.email}"
}

# Start executions of the nightly workflow.
resource "google_project_iam_member" "scheduler_workflows_invoker" {
  project = var.project
  role    = "roles/workflows.invoker"
  member  = "serviceAccount:${google_service_account.scheduler.email}"
}

# Write the workflow's call logs.
resource "google_project_iam_member" "scheduler_log_writer" {
  project = var.project
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.scheduler.email}"
}

# Launch jobs that run as the worker account (iam.serviceAccounts.actAs on that account only).
resource "google_service_account_iam_member" "scheduler_acts_as_worker" {
  service_account_id = google_service_account.worker.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.scheduler.email}"
}

# Read the Flex Template spec under templates/ in the temp bucket.
resource "google_storage_bucket_iam_member" "scheduler_reads_template" {
  bucket = google_storage_bucket.temp.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.scheduler.email}"
}
