# One 2nd-gen HTTP Cloud Function (a Cloud Run service underneath) built from
# the zipped repository root, plus who may invoke it.

locals {
  # The Node.js buildpack always starts from package.json "main" (it refuses
  # GOOGLE_FUNCTION_SOURCE), so "main" must exist and register every
  # function. Optionally, the Functions Framework's own FUNCTION_SOURCE
  # runtime variable points an instance at just its function's compiled
  # module, so it imports only what it needs (small cold starts).
  runtime_environment = merge(
    var.environment_variables,
    var.function_source == null ? {} : { FUNCTION_SOURCE = var.function_source },
  )
}

resource "google_cloudfunctions2_function" "this" {
  project     = var.project_id
  location    = var.region
  name        = var.name
  description = var.description
  labels      = var.labels

  build_config {
    runtime               = var.runtime
    entry_point           = var.entry_point
    environment_variables = var.build_environment_variables
    service_account       = var.build_service_account

    source {
      storage_source {
        bucket = var.source_bucket
        object = var.source_object
      }
    }
  }

  service_config {
    service_account_email            = var.service_account_email
    timeout_seconds                  = var.timeout_seconds
    available_memory                 = var.available_memory
    available_cpu                    = var.available_cpu
    max_instance_count               = var.max_instance_count
    min_instance_count               = var.min_instance_count
    max_instance_request_concurrency = var.max_instance_request_concurrency
    ingress_settings                 = var.ingress_settings
    all_traffic_on_latest_revision   = true
    vpc_connector                    = var.vpc_connector
    vpc_connector_egress_settings    = var.vpc_connector == null ? null : var.vpc_connector_egress_settings
    environment_variables            = local.runtime_environment

    # Values are resolved by the platform when an instance starts; only the
    # secret name and version are in Terraform state.
    dynamic "secret_environment_variables" {
      for_each = var.secret_environment_variables
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = secret_environment_variables.value.secret
        version    = secret_environment_variables.value.version
      }
    }
  }
}

# A 2nd-gen HTTP function is invoked through its Cloud Run service, so the
# invoker role is roles/run.invoker on that service (same name as the function).
resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = toset(var.invoker_members)

  project  = var.project_id
  location = google_cloudfunctions2_function.this.location
  service  = google_cloudfunctions2_function.this.name
  role     = "roles/run.invoker"
  member   = each.value
}
