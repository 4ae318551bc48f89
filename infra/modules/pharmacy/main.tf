# Everything one pharmacy needs in the cloud: two secret containers and two
# Scheduler jobs. Secret VALUES are never managed here (no
# google_secret_manager_secret_version): anything Terraform writes is kept in
# plain text in its state, and the API key and webhook secret are the
# pharmacy's credentials. Onboarding (POST /pharmacies) or an operator adds
# the versions.

locals {
  # Scheduler speaks unix-cron: */N is only a true interval for N < 60, and
  # whole hours map to the hour field. The env validates that the interval is
  # one of these shapes.
  interval_hours = floor(var.sync_interval_minutes / 60)
  sync_schedule = (
    var.sync_interval_minutes < 60 ? "*/${var.sync_interval_minutes} * * * *" :
    local.interval_hours >= 24 ? "0 0 * * *" :
    "0 */${local.interval_hours} * * *"
  )

  secret_labels = merge(var.labels, { pharmacy = var.pharmacy_id })

  api_key_readers  = toset(concat(var.api_key_accessors, var.secret_writers))
  webhook_readers  = toset(concat(var.webhook_secret_accessors, var.secret_writers))
  secret_writer_ms = toset(var.secret_writers)
}

resource "google_secret_manager_secret" "drx_api_key" {
  project   = var.project_id
  secret_id = "drx-api-key-${var.pharmacy_id}"
  labels    = merge(local.secret_labels, { kind = "drx-api-key" })

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret" "drx_webhook_secret" {
  project   = var.project_id
  secret_id = "drx-webhook-secret-${var.pharmacy_id}"
  labels    = merge(local.secret_labels, { kind = "drx-webhook-secret" })

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_member" "api_key_accessor" {
  for_each = local.api_key_readers

  project   = var.project_id
  secret_id = google_secret_manager_secret.drx_api_key.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = each.value
}

resource "google_secret_manager_secret_iam_member" "webhook_secret_accessor" {
  for_each = local.webhook_readers

  project   = var.project_id
  secret_id = google_secret_manager_secret.drx_webhook_secret.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = each.value
}

resource "google_secret_manager_secret_iam_member" "api_key_version_adder" {
  for_each = local.secret_writer_ms

  project   = var.project_id
  secret_id = google_secret_manager_secret.drx_api_key.secret_id
  role      = "roles/secretmanager.secretVersionAdder"
  member    = each.value
}

resource "google_secret_manager_secret_iam_member" "webhook_secret_version_adder" {
  for_each = local.secret_writer_ms

  project   = var.project_id
  secret_id = google_secret_manager_secret.drx_webhook_secret.secret_id
  role      = "roles/secretmanager.secretVersionAdder"
  member    = each.value
}

# Incremental sync. A disabled pharmacy keeps its jobs, paused, so re-enabling
# it does not lose history or the job's configuration.
resource "google_cloud_scheduler_job" "sync" {
  project          = var.project_id
  region           = var.region
  name             = "drx-sync-${var.pharmacy_id}"
  description      = "Incremental DRX sync for ${var.display_name} every ${var.sync_interval_minutes} min."
  schedule         = local.sync_schedule
  time_zone        = var.time_zone
  paused           = !var.enabled
  attempt_deadline = var.sync_attempt_deadline

  # A missed incremental run is picked up by the next tick (the sync cursor
  # only advances with the data it covers), so Scheduler does not retry.
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = var.drx_sync_url
    body        = base64encode(jsonencode({ pharmacyId = var.pharmacy_id }))
    headers = {
      "Content-Type" = "application/json"
    }

    oidc_token {
      service_account_email = var.scheduler_service_account_email
      audience              = var.drx_sync_url
    }
  }
}

# Nightly full reconciliation: catches deletions and anything an incremental
# cursor cannot see.
resource "google_cloud_scheduler_job" "reconcile" {
  project          = var.project_id
  region           = var.region
  name             = "drx-reconcile-${var.pharmacy_id}"
  description      = "Full DRX reconciliation for ${var.display_name}."
  schedule         = var.reconcile_cron
  time_zone        = var.time_zone
  paused           = !var.enabled
  attempt_deadline = var.reconcile_attempt_deadline

  retry_config {
    retry_count          = 2
    min_backoff_duration = "60s"
    max_backoff_duration = "600s"
  }

  http_target {
    http_method = "POST"
    uri         = var.drx_sync_url
    body        = base64encode(jsonencode({ pharmacyId = var.pharmacy_id, full = true }))
    headers = {
      "Content-Type" = "application/json"
    }

    oidc_token {
      service_account_email = var.scheduler_service_account_email
      audience              = var.drx_sync_url
    }
  }
}
