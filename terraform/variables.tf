# Variables. Those named after a ReconstructHeads pipeline option are that option's name in
# snake_case (input -> --input, execution_provider -> --executionProvider,
# max_num_workers -> --maxNumWorkers, ...); README.md has the whole mapping.

# --- Where -----------------------------------------------------------------------------

variable "project" {
  description = "Google Cloud project ID that holds everything (Dataflow --project)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project))
    error_message = "project must be a project ID: 6-30 characters, lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "region" {
  description = "Region of the buckets, the image repository, the subnet, the Dataflow jobs and the schedule (Dataflow --region). Pick one that offers the GPU type of worker_accelerator_type."
  type        = string
  default     = "us-central1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must be a Google Cloud region name such as us-central1 or europe-west4."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name (bucket names are <project>-<name_prefix>-inputs|outputs|temp)."
  type        = string
  default     = "headrecon"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-16 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "labels" {
  description = "Extra labels put on buckets, the repository, the workflow and the Dataflow jobs (for cost reports)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^[a-z][a-z0-9_-]{0,62}$", k)) && can(regex("^[a-z0-9_-]{0,63}$", v))])
    error_message = "labels keys must start with a lowercase letter; keys and values may hold lowercase letters, digits, _ and -, at most 63 characters."
  }
}

variable "subnetwork_cidr" {
  description = "Primary IPv4 range of the workers' subnet (Dataflow --subnetwork is this subnet). One address per worker VM; a /20 holds 4,000."
  type        = string
  default     = "10.40.0.0/20"

  validation {
    condition     = can(cidrhost(var.subnetwork_cidr, 0)) && can(regex("^[0-9.]+/[0-9]+$", var.subnetwork_cidr))
    error_message = "subnetwork_cidr must be an IPv4 CIDR range such as 10.40.0.0/20."
  }
}

# --- Image and buckets -----------------------------------------------------------------

variable "image_tag" {
  description = "Tag of the reconstruct-heads image in the Artifact Registry repository, used by the launcher and the workers (Dataflow --sdkContainerImage). Use an immutable tag such as the git commit."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a Docker tag: letters, digits, _, . and -, at most 128 characters, not starting with . or -."
  }
}

variable "temp_retention_days" {
  description = "Days after which objects under tmp/ and staging/ of the temp bucket (Dataflow --tempLocation, --stagingLocation) are deleted."
  type        = number
  default     = 7

  validation {
    condition     = var.temp_retention_days >= 1 && var.temp_retention_days == floor(var.temp_retention_days)
    error_message = "temp_retention_days must be a whole number of days, at least 1."
  }
}

variable "output_noncurrent_version_retention_days" {
  description = "Days a replaced or deleted version of an output object is kept before it is deleted."
  type        = number
  default     = 30

  validation {
    condition     = var.output_noncurrent_version_retention_days >= 1 && var.output_noncurrent_version_retention_days == floor(var.output_noncurrent_version_retention_days)
    error_message = "output_noncurrent_version_retention_days must be a whole number of days, at least 1."
  }
}

# --- Pipeline options (ReconstructHeadsOptions) -----------------------------------------

variable "input" {
  description = "Pipeline --input of the hand-launched run: the gs:// prefix holding <subjectId>/<viewId>.png|jpg (and manifest.json). Needed only with launch_manual_run = true; the nightly run computes its own."
  type        = string
  default     = ""

  validation {
    condition     = var.input == "" || can(regex("^gs://[a-z0-9][a-z0-9._-]{1,221}[a-z0-9](/\\S*)?$", var.input))
    error_message = "input must be empty or a gs:// URI such as gs://bucket/incoming/2025-01-31."
  }
}

variable "output" {
  description = "Pipeline --output of the hand-launched run: the gs:// prefix for PLY files, metrics, the run summary and failures. Empty means gs://<outputs bucket>/manual."
  type        = string
  default     = ""

  validation {
    condition     = var.output == "" || can(regex("^gs://[a-z0-9][a-z0-9._-]{1,221}[a-z0-9](/\\S*)?$", var.output))
    error_message = "output must be empty or a gs:// URI."
  }
}

variable "model" {
  description = "Pipeline --model: gs:// URI of the ONNX depth model. Empty means the model shipped in the image. A model outside the inputs bucket needs its own read grant for the worker account."
  type        = string
  default     = ""

  validation {
    condition     = var.model == "" || can(regex("^gs://\\S+\\.onnx$", var.model))
    error_message = "model must be empty or a gs:// URI of an .onnx file."
  }
}

variable "execution_provider" {
  description = "Pipeline --executionProvider: auto, cpu or cuda. Defaults to cuda here (the pipeline's own default is auto) so that a GPU worker without a usable GPU fails loudly instead of running on the CPU."
  type        = string
  default     = "cuda"

  validation {
    condition     = contains(["auto", "cpu", "cuda"], var.execution_provider)
    error_message = "execution_provider must be auto, cpu or cuda."
  }
}

variable "depth_source" {
  description = "Pipeline --depthSource: model (the depth network) or groundtruth (depth PNGs named in each subject's manifest)."
  type        = string
  default     = "model"

  validation {
    condition     = contains(["model", "groundtruth"], var.depth_source)
    error_message = "depth_source must be model or groundtruth."
  }
}

variable "inference_batch_size" {
  description = "Pipeline --inferenceBatchSize: most views run together in one inference batch. Larger batches use the GPU better and need more GPU memory."
  type        = number
  default     = 16

  validation {
    condition     = var.inference_batch_size >= 1 && var.inference_batch_size <= 1024 && var.inference_batch_size == floor(var.inference_batch_size)
    error_message = "inference_batch_size must be a whole number from 1 to 1024."
  }
}

variable "inference_batch_max_bytes" {
  description = "Pipeline --inferenceBatchMaxBytes: most bytes of decoded input tensors in one inference batch (default 64 MiB)."
  type        = number
  default     = 67108864

  validation {
    condition     = var.inference_batch_max_bytes >= 1048576 && var.inference_batch_max_bytes == floor(var.inference_batch_max_bytes)
    error_message = "inference_batch_max_bytes must be a whole number of bytes, at least 1 MiB (1048576)."
  }
}

variable "write_view_outputs" {
  description = "Pipeline --writeViewOutputs: also write per-view clouds (PLY) and 16-bit depth PNGs (several times the output volume)."
  type        = bool
  default     = false
}

variable "input_is_glob" {
  description = "Pipeline --inputIsGlob: the input is a glob matching subject folders instead of one literal prefix."
  type        = bool
  default     = false
}

variable "overwrite" {
  description = "Pipeline --overwrite: redo every subject; without it a rerun skips subjects whose outputs are complete and up to date."
  type        = bool
  default     = false
}

variable "max_subject_decoded_pixels" {
  description = "Pipeline --maxSubjectDecodedPixels: most decoded pixels held per subject; views beyond it become failure records."
  type        = number
  default     = 50000000

  validation {
    condition     = var.max_subject_decoded_pixels >= 1 && var.max_subject_decoded_pixels == floor(var.max_subject_decoded_pixels)
    error_message = "max_subject_decoded_pixels must be a whole number of pixels, at least 1."
  }
}

variable "max_image_pixels" {
  description = "Pipeline --maxImagePixels: largest image accepted, in pixels (width x height), checked before decoding."
  type        = number
  default     = 50000000

  validation {
    condition     = var.max_image_pixels >= 1 && var.max_image_pixels == floor(var.max_image_pixels)
    error_message = "max_image_pixels must be a positive whole number of pixels."
  }
}

variable "voxel_size_mm" {
  description = "Pipeline --voxelSizeMm: voxel edge of the fused cloud, millimetres."
  type        = number
  default     = 1.0

  validation {
    condition     = var.voxel_size_mm > 0 && var.voxel_size_mm <= 50
    error_message = "voxel_size_mm must be greater than 0 and at most 50 millimetres."
  }
}

variable "refine_depth" {
  description = "Pipeline --refineDepth: refine network depth against the neighbouring photos."
  type        = bool
  default     = true
}

variable "mesh_voxel_mm" {
  description = "Pipeline --meshVoxelMm: voxel edge of the TSDF mesh (mesh.ply), millimetres; 0 writes no mesh."
  type        = number
  default     = 1.0

  validation {
    condition     = var.mesh_voxel_mm == 0 || (var.mesh_voxel_mm >= 0.25 && var.mesh_voxel_mm <= 50)
    error_message = "mesh_voxel_mm must be 0 (no mesh) or between 0.25 and 50 millimetres."
  }
}

# --- Dataflow workers (runner options) --------------------------------------------------

variable "max_num_workers" {
  description = "Dataflow --maxNumWorkers: most worker VMs autoscaling may start. Each one carries worker_accelerator_count GPUs, so this also caps GPU quota use."
  type        = number
  default     = 4

  validation {
    condition     = var.max_num_workers >= 1 && var.max_num_workers <= 1000 && var.max_num_workers == floor(var.max_num_workers)
    error_message = "max_num_workers must be a whole number from 1 to 1000."
  }
}

variable "worker_machine_type" {
  description = "Dataflow --workerMachineType. It must be of the series that carries the GPU: n1- for T4/P4/P100/V100, g2- for L4, a2- for A100, a3- for H100."
  type        = string
  default     = "n1-standard-8"

  validation {
    condition     = can(regex("^(n1|g2|a2|a3)-[a-z0-9-]+$", var.worker_machine_type))
    error_message = "worker_machine_type must be a Compute Engine machine type of a GPU series (n1-, g2-, a2-, a3-), such as n1-standard-8 or g2-standard-8."
  }
}

variable "worker_accelerator_type" {
  description = "GPU type in the worker_accelerator Dataflow service option (type:...)."
  type        = string
  default     = "nvidia-tesla-t4"

  validation {
    condition = contains([
      "nvidia-tesla-t4", "nvidia-tesla-p4", "nvidia-tesla-p100", "nvidia-tesla-v100",
      "nvidia-l4", "nvidia-tesla-a100", "nvidia-a100-80gb", "nvidia-h100-80gb",
    ], var.worker_accelerator_type)
    error_message = "worker_accelerator_type must be a Dataflow GPU type such as nvidia-tesla-t4 or nvidia-l4."
  }
}

variable "worker_accelerator_count" {
  description = "GPUs per worker VM in the worker_accelerator Dataflow service option (count:...)."
  type        = number
  default     = 1

  validation {
    condition     = contains([1, 2, 4, 8], var.worker_accelerator_count)
    error_message = "worker_accelerator_count must be 1, 2, 4 or 8."
  }
}

variable "launcher_machine_type" {
  description = "Machine type of the Flex Template launcher VM, which builds the job graph and stages the jars (no GPU)."
  type        = string
  default     = "n1-standard-2"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]*-[a-z0-9-]+$", var.launcher_machine_type))
    error_message = "launcher_machine_type must be a Compute Engine machine type such as n1-standard-2."
  }
}

# --- Runs ------------------------------------------------------------------------------

variable "launch_manual_run" {
  description = "When true, `terraform apply` launches one run of the Flex Template over var.input (google_dataflow_flex_template_job)."
  type        = bool
  default     = false
}

variable "nightly_schedule" {
  description = "Cron schedule of the nightly run, in nightly_time_zone."
  type        = string
  default     = "0 2 * * *"

  validation {
    condition     = length(split(" ", trimspace(var.nightly_schedule))) == 5
    error_message = "nightly_schedule must be a five-field cron expression such as \"0 2 * * *\"."
  }
}

variable "nightly_time_zone" {
  description = "IANA time zone of nightly_schedule and of the date in the nightly input prefix."
  type        = string
  default     = "Etc/UTC"

  validation {
    condition     = can(regex("^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$", var.nightly_time_zone))
    error_message = "nightly_time_zone must be an IANA time zone name such as Etc/UTC or Europe/Berlin."
  }
}

variable "nightly_paused" {
  description = "Pause the nightly schedule without deleting it."
  type        = bool
  default     = false
}

variable "nightly_input_prefix" {
  description = "Folder of the inputs bucket holding one date-stamped folder per night: the nightly run reads gs://<inputs>/<nightly_input_prefix>/<YYYY-MM-DD>."
  type        = string
  default     = "incoming"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.nightly_input_prefix))
    error_message = "nightly_input_prefix must be a relative object path without leading or trailing slash, such as incoming."
  }
}

variable "nightly_output_prefix" {
  description = "Folder of the outputs bucket for nightly results: gs://<outputs>/<nightly_output_prefix>/<YYYY-MM-DD>."
  type        = string
  default     = "nightly"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", var.nightly_output_prefix))
    error_message = "nightly_output_prefix must be a relative object path without leading or trailing slash, such as nightly."
  }
}

variable "nightly_input_lag_days" {
  description = "How many days before the scheduled date the nightly input folder is dated: 1 (default) processes yesterday's uploads, 0 today's."
  type        = number
  default     = 1

  validation {
    condition     = var.nightly_input_lag_days >= 0 && var.nightly_input_lag_days <= 7 && var.nightly_input_lag_days == floor(var.nightly_input_lag_days)
    error_message = "nightly_input_lag_days must be a whole number from 0 to 7."
  }
}
