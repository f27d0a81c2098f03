# Docker repository for the one image that serves as both the Flex Template launcher and the
# Dataflow worker (SDK) container: Java 17, Beam, the pipeline jars built with -Pgpu, and the
# CUDA 12 / cuDNN 9 libraries that ONNX Runtime GPU needs. See docker/Dockerfile.
resource "google_artifact_registry_repository" "images" {
  project       = var.project
  location      = var.region
  repository_id = var.name_prefix
  format        = "DOCKER"
  description   = "headrecon Dataflow Flex Template and worker images"
  labels        = local.labels

  depends_on = [google_project_service.apis]
}

locals {
  image_repository = "${var.region}-docker.pkg.dev/${var.project}/${google_artifact_registry_repository.images.repository_id}/reconstruct-heads"
  image            = "${local.image_repository}:${var.image_tag}"
}
