# Three buckets, all with uniform bucket-level access (no object ACLs) and public access
# prevention enforced, so no object can ever be made public:
#   inputs  - photos, manifests and (optionally) the ONNX model, read-only for the workers;
#   outputs - fused PLY files, metrics, run summaries and failure records, versioned;
#   temp    - Dataflow temp/ and staging/ (deleted after var.temp_retention_days) and the
#             Flex Template spec under templates/ (kept).
locals {
  bucket_prefix    = "${var.project}-${var.name_prefix}"
  temp_location    = "gs://${google_storage_bucket.temp.name}/tmp"
  staging_location = "gs://${google_storage_bucket.temp.name}/staging"
}

resource "google_storage_bucket" "inputs" {
  name                        = "${local.bucket_prefix}-inputs"
  project                     = var.project
  location                    = var.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  labels                      = local.labels
}

resource "google_storage_bucket" "outputs" {
  name                        = "${local.bucket_prefix}-outputs"
  project                     = var.project
  location                    = var.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  labels                      = local.labels

  # A re-run overwrites results; versioning keeps the previous ones recoverable.
  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = var.output_noncurrent_version_retention_days
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_storage_bucket" "temp" {
  name                        = "${local.bucket_prefix}-temp"
  project                     = var.project
  location                    = var.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true
  labels                      = local.labels

  # Dataflow temp files and staged jars are only needed while a job runs.
  lifecycle_rule {
    condition {
      age            = var.temp_retention_days
      matches_prefix = ["tmp/", "staging/"]
    }
    action {
      type = "Delete"
    }
  }
}
