# rxbridge production: fourteen HTTP functions over one Cloud SQL database
# (the DRX side, and the clinic side: DrChrono and Deep Cura), Scheduler jobs
# per pharmacy and for the sweeps (DRX due pharmacies, clinic), a change-event
# topic, and secret containers.
# Secret VALUES never pass through Terraform (see infra/README.md).

data "google_project" "this" {
  project_id = var.project_id
}

locals {
  # Service account emails built from account ids, so IAM members are known
  # at plan time (for_each keys) while still depending on the accounts.
  sa_domain = "${var.project_id}.iam.gserviceaccount.com"

  # Per-function shape. Entry points are the Functions Framework targets.
  functions = {
    "drx-sync" = {
      entry_point   = "drxSync"
      description   = "DRX sync for one pharmacy or all due pharmacies; called by Cloud Scheduler."
      timeout       = 1800 # a full reconciliation pages through a whole pharmacy
      memory        = "512M"
      max_instances = 30
    }
    "sync-now" = {
      entry_point   = "syncNow"
      description   = "Admin: start a DRX sync for one pharmacy now."
      timeout       = 1800
      memory        = "512M"
      max_instances = 5
    }
    "pharmacies" = {
      entry_point   = "pharmacies"
      description   = "Admin: onboard a pharmacy (stores its DRX credentials in Secret Manager)."
      timeout       = 120
      memory        = "256M"
      max_instances = 3
    }
    "drx-webhook" = {
      entry_point   = "drxWebhook"
      description   = "Public DRX webhook receiver; verifies the per-pharmacy header secret."
      timeout       = 60
      memory        = "256M"
      max_instances = 20
    }
    "live-updates" = {
      entry_point   = "liveUpdates"
      description   = "Server-sent events stream of changes for the CRM."
      timeout       = 3600 # long-lived stream; clients reconnect after it ends
      memory        = "256M"
      max_instances = 20
    }
    "outbox-relay" = {
      entry_point   = "outboxRelay"
      description   = "Publishes committed outbox rows to Pub/Sub; called every minute by Cloud Scheduler."
      timeout       = 120
      memory        = "256M"
      max_instances = 1 # one relay at a time keeps publish order and avoids duplicate work
    }

    # Clinic side (DrChrono EHR, Deep Cura notes) and the shared retry queue.
    "drchrono-webhook" = {
      entry_point   = "drchronoWebhook"
      description   = "Public DrChrono webhook receiver for every practice; verifies X-drchrono-signature itself."
      timeout       = 60
      memory        = "256M"
      max_instances = 20
    }
    "deepcura-webhook" = {
      entry_point   = "deepcuraWebhook"
      description   = "Public Deep Cura gridhook receiver; checks the shared secret, decrypts and stores the note."
      timeout       = 60
      memory        = "256M"
      max_instances = 5
    }
    "deepcura-notes" = {
      entry_point   = "deepcuraNotes"
      description   = "Admin: list Deep Cura notes (e.g. the unlinked ones)."
      timeout       = 60
      memory        = "256M"
      max_instances = 2
    }
    "practices" = {
      entry_point   = "practices"
      description   = "Admin: connect a DrChrono practice (stores its OAuth tokens in Secret Manager); list practices."
      timeout       = 120
      memory        = "256M"
      max_instances = 2
    }
    "drchrono-sync" = {
      entry_point   = "drchronoSync"
      description   = "DrChrono reconciliation of every due practice (Cloud Scheduler) or one practice now (admin)."
      timeout       = 1800 # a first backfill pages through a whole practice
      memory        = "512M"
      max_instances = 10
    }
    "retry-worker" = {
      entry_point   = "retryWorker"
      description   = "Drains the retry queue (failed deliveries of every source); called every minute by Cloud Scheduler."
      timeout       = 300 # a pass stops claiming after 45 s; the rest covers a slow last item (its lease is 300 s)
      memory        = "256M"
      max_instances = 3 # claims use FOR UPDATE SKIP LOCKED, so overlapping passes are safe
    }
    "dead-letters" = {
      entry_point   = "deadLetters"
      description   = "Admin: list dead-lettered deliveries and replay them."
      timeout       = 60
      memory        = "256M"
      max_instances = 2
    }
    "maintenance-cleanup" = {
      entry_point   = "maintenanceCleanup"
      description   = "Deletes raw deliveries and payloads past their retention; called daily by Cloud Scheduler."
      timeout       = 900
      memory        = "256M"
      max_instances = 1
    }
  }

  runtime_member = {
    for name, sa in google_service_account.runtime :
    name => "serviceAccount:${sa.account_id}@${local.sa_domain}"
  }
  runtime_email = {
    for name, sa in google_service_account.runtime :
    name => "${sa.account_id}@${local.sa_domain}"
  }
  scheduler_member = "serviceAccount:${google_service_account.scheduler.account_id}@${local.sa_domain}"

  admin_members = [
    for e in var.admin_principals :
    endswith(e, ".gserviceaccount.com") ? "serviceAccount:${e}" : "user:${e}"
  ]

  # Who may invoke each function (roles/run.invoker on its service).
  invokers = {
    "drx-sync"            = [local.scheduler_member]
    "sync-now"            = local.admin_members
    "pharmacies"          = local.admin_members
    "drx-webhook"         = ["allUsers"] # DRX cannot send Google credentials; the function checks the header secret
    "live-updates"        = var.crm_invoker_members
    "outbox-relay"        = [local.scheduler_member]
    "drchrono-webhook"    = ["allUsers"] # DrChrono cannot send Google credentials; the function checks the HMAC signature
    "deepcura-webhook"    = ["allUsers"] # likewise; the function checks the shared secret header
    "deepcura-notes"      = local.admin_members
    "practices"           = local.admin_members
    "drchrono-sync"       = concat([local.scheduler_member], local.admin_members) # sweep, and "Sync Now" for one practice
    "retry-worker"        = concat([local.scheduler_member], local.admin_members) # every minute, and an admin's "retry now" for one tenant
    "dead-letters"        = local.admin_members
    "maintenance-cleanup" = concat([local.scheduler_member], local.admin_members) # daily, and an admin's run with its own retentionDays
  }

  # The application authenticates callers again itself (authorizeAdmin): the
  # admin token, or a Google ID token whose email is in ADMIN_PRINCIPALS. So a
  # function Scheduler calls must also list the Scheduler identity there, or
  # its OIDC token passes Cloud Run IAM and is then refused with a 401. Only
  # those functions get it: to the others rxb-scheduler is no admin.
  scheduled_functions = toset([for name, members in local.invokers : name if contains(members, local.scheduler_member)])
  admin_principals_env = {
    for name in keys(local.functions) : name => join(",", concat(
      var.admin_principals,
      contains(local.scheduled_functions, name) ? ["${google_service_account.scheduler.account_id}@${local.sa_domain}"] : [],
    ))
  }

  common_env = merge(
    {
      SECRETS_BACKEND       = "gcp"
      PUBSUB_BACKEND        = "gcp"
      GCP_PROJECT_ID        = var.project_id
      CHANGE_EVENTS_TOPIC   = module.events.topic_name
      SYNC_INTERVAL_MINUTES = tostring(var.default_sync_interval_minutes)
      RECONCILE_CRON        = var.reconcile_cron
      PUBLIC_BASE_URL       = local.function_base_url
      # One request per instance needs few connections; the sum over all
      # instances must stay below the database's max_connections.
      DATABASE_POOL_MAX = tostring(var.database_pool_max)
    },
    var.drx_default_base_url == null ? {} : { DRX_BASE_URL = var.drx_default_base_url },
  )

  # The clinic side's settings, for the functions that serve it (the
  # application validates them at start-up, so a typo fails the deploy's
  # first request rather than a gridhook hours later).
  clinic_env = merge(
    {
      DRCHRONO_BASE_URL              = var.drchrono_base_url
      DRCHRONO_SYNC_INTERVAL_MINUTES = tostring(var.drchrono_sync_interval_minutes)
      RETENTION_DAYS_RAW_WEBHOOKS    = tostring(var.retention_days_raw_webhooks)
      DEEPCURA_KEY_DERIVATION        = var.deepcura_key_derivation
      DEEPCURA_IV                    = var.deepcura_iv
      DEEPCURA_ENCODING              = var.deepcura_encoding
    },
    var.deepcura_scrypt_salt == null ? {} : { DEEPCURA_SCRYPT_SALT = var.deepcura_scrypt_salt },
  )
  clinic_functions = toset([
    "drchrono-webhook", "deepcura-webhook", "deepcura-notes", "practices",
    "drchrono-sync", "retry-worker", "dead-letters", "maintenance-cleanup",
  ])

  # Secret env vars, only where the function needs them: ADMIN_TOKEN is read
  # by the functions admins call directly only.
  database_secret_env = {
    DATABASE_URL = { secret = module.database.database_url_secret_id }
  }
  admin_secret_env = {
    ADMIN_TOKEN = { secret = google_secret_manager_secret.admin_token.secret_id }
  }
  admin_functions = toset([
    "sync-now", "pharmacies", "practices", "drchrono-sync", "deepcura-notes", "dead-letters",
    "retry-worker", "maintenance-cleanup",
  ])

  # Functions that read DRX API keys, and the one that reads webhook secrets.
  # retry-worker is not among them: its DRX handler re-applies the stored
  # delivery and never calls DRX (functions/retry-worker/handlers.ts). Add it
  # here if a DRX retry ever re-fetches from the API.
  api_key_readers        = ["drx-sync", "sync-now"]
  webhook_secret_readers = ["drx-webhook"]

  # Functions that call DrChrono on a practice's behalf. They read the
  # practice's drchrono-tokens-<id> and, because DrChrono rotates the refresh
  # token on every refresh, add a version to it; refreshing also needs the
  # API application's client credentials (drchrono-oauth-client).
  # retry-worker re-processes failed DrChrono webhook deliveries, which
  # re-fetches the object from DrChrono, so it needs the same access.
  # practices writes the first tokens when it connects a practice.
  drchrono_token_users = toset(["drchrono-webhook", "drchrono-sync", "retry-worker", "practices"])

  # The Deep Cura shared secret both authenticates gridhooks and keys their
  # encryption, so retry-worker (which re-decrypts failed gridhooks) reads it.
  deepcura_secret_readers = toset(["deepcura-webhook", "retry-worker"])

  # Functions that create secrets whose names Terraform cannot know (new
  # pharmacies' DRX secrets, new practices' token secrets) while
  # var.allow_runtime_pharmacy_onboarding is on.
  runtime_secret_creators = toset(["pharmacies", "practices"])

  # unix-cron for the DrChrono sweep, the same shapes as a pharmacy's sync
  # (modules/pharmacy): */N below an hour, whole hours above.
  drchrono_sync_hours = floor(var.drchrono_sync_interval_minutes / 60)
  drchrono_sync_schedule = (
    var.drchrono_sync_interval_minutes < 60 ? "*/${var.drchrono_sync_interval_minutes} * * * *" :
    local.drchrono_sync_hours >= 24 ? "0 0 * * *" :
    "0 */${local.drchrono_sync_hours} * * *"
  )

  # unix-cron for the DRX sweep (drx-due-pharmacies), same shapes again.
  drx_sweep_hours = floor(var.default_sync_interval_minutes / 60)
  drx_sweep_schedule = (
    var.default_sync_interval_minutes < 60 ? "*/${var.default_sync_interval_minutes} * * * *" :
    local.drx_sweep_hours >= 24 ? "0 0 * * *" :
    "0 */${local.drx_sweep_hours} * * *"
  )

  # Cloud Functions URLs are deterministic, so they are known at plan time and
  # a function can be told its own URL (the ID-token audience) without a
  # dependency cycle. Onboarding registers DRX webhooks at PUBLIC_BASE_URL.
  function_base_url = "https://${var.region}-${var.project_id}.cloudfunctions.net"
}

resource "google_project_service" "enabled" {
  for_each = toset(concat(
    [
      "artifactregistry.googleapis.com",
      "cloudbuild.googleapis.com",
      "cloudresourcemanager.googleapis.com",
      "cloudfunctions.googleapis.com",
      "cloudscheduler.googleapis.com",
      "iam.googleapis.com",
      "pubsub.googleapis.com",
      "run.googleapis.com",
      "secretmanager.googleapis.com",
      "sqladmin.googleapis.com",
      "storage.googleapis.com",
    ],
    var.private_network == null ? [] : ["servicenetworking.googleapis.com", "vpcaccess.googleapis.com"],
  ))

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

# ---------------------------------------------------------------------------
# Service accounts: one runtime identity per function, one for Scheduler, one
# for building function images. No account gets a basic role (owner/editor).
# ---------------------------------------------------------------------------

resource "google_service_account" "runtime" {
  for_each = local.functions

  project      = var.project_id
  account_id   = "rxb-${each.key}"
  display_name = "rxbridge ${each.key} runtime"
  description  = "Runtime identity of the ${each.key} function; holds only what that function needs."

  depends_on = [google_project_service.enabled]
}

resource "google_service_account" "scheduler" {
  project      = var.project_id
  account_id   = "rxb-scheduler"
  display_name = "rxbridge Cloud Scheduler"
  description  = "Identity in the OIDC tokens Scheduler sends; may invoke only the scheduled functions."

  depends_on = [google_project_service.enabled]
}

resource "google_service_account" "build" {
  project      = var.project_id
  account_id   = "rxb-function-build"
  display_name = "rxbridge function build"
  description  = "Builds the function images from the uploaded source (instead of the default compute account)."

  depends_on = [google_project_service.enabled]
}

# The documented minimum for a custom Cloud Functions build service account.
resource "google_project_iam_member" "build_builder" {
  project = var.project_id
  role    = "roles/cloudbuild.builds.builder"
  member  = "serviceAccount:${google_service_account.build.email}"
}

# Every function talks to Cloud SQL. cloudsql.client is what the Auth Proxy
# and connectors check; it grants no data access by itself.
resource "google_project_iam_member" "cloudsql_client" {
  for_each = local.functions

  project = var.project_id
  role    = "roles/cloudsql.client"
  member  = local.runtime_member[each.key]
}

# ---------------------------------------------------------------------------
# Runtime onboarding (var.allow_runtime_pharmacy_onboarding).
#
# Pharmacies declared in var.pharmacies get their secret containers and
# per-secret IAM from Terraform (module.pharmacy). A pharmacy onboarded at
# runtime through POST /pharmacies has no container yet, so the function must
# create drx-api-key-<id> and drx-webhook-secret-<id> itself. Connecting a
# DrChrono practice (POST /practices) likewise creates
# drchrono-tokens-<practiceId>. Secret Manager checks secrets.create on the
# project, and no narrower predefined role both creates secrets and adds
# versions, hence project-level secretmanager.admin for those two functions.
# Turn the flag off once every pharmacy is declared in Terraform and no new
# practice is being connected.
# ---------------------------------------------------------------------------

resource "google_project_iam_member" "onboarding_secret_admin" {
  for_each = var.allow_runtime_pharmacy_onboarding ? local.runtime_secret_creators : toset([])

  project = var.project_id
  role    = "roles/secretmanager.admin"
  member  = local.runtime_member[each.key]
}

# Was a count of one for the pharmacies function: keep its binding in place.
moved {
  from = google_project_iam_member.onboarding_secret_admin[0]
  to   = google_project_iam_member.onboarding_secret_admin["pharmacies"]
}

# The application creates no Scheduler jobs (a pharmacy onboarded at runtime
# is synced by the drx-due-pharmacies sweep below), so no function may write
# jobs or act as the Scheduler identity.

# Runtime-created secrets have no per-secret bindings, so the readers get
# project-level access limited by an IAM condition to the secret name prefix.
resource "google_project_iam_member" "runtime_api_key_reader" {
  for_each = var.allow_runtime_pharmacy_onboarding ? toset(local.api_key_readers) : toset([])

  project = var.project_id
  role    = "roles/secretmanager.secretAccessor"
  member  = local.runtime_member[each.key]

  condition {
    title       = "drx-api-key-secrets-only"
    description = "Only the per-pharmacy DRX API key secrets."
    expression  = "resource.name.startsWith(\"projects/${data.google_project.this.number}/secrets/drx-api-key-\")"
  }
}

resource "google_project_iam_member" "runtime_webhook_secret_reader" {
  for_each = var.allow_runtime_pharmacy_onboarding ? toset(local.webhook_secret_readers) : toset([])

  project = var.project_id
  role    = "roles/secretmanager.secretAccessor"
  member  = local.runtime_member[each.key]

  condition {
    title       = "drx-webhook-secrets-only"
    description = "Only the per-pharmacy DRX webhook secrets."
    expression  = "resource.name.startsWith(\"projects/${data.google_project.this.number}/secrets/drx-webhook-secret-\")"
  }
}

# ---------------------------------------------------------------------------
# DrChrono practice tokens (drchrono-tokens-<practiceId>).
#
# Practices are connected at runtime (POST /practices, `npm run drchrono --
# connect`), and their token secrets are never declared in Terraform, so the
# functions that use them get the same prefix-conditioned project-level
# grants as the runtime DRX secrets above: read, and add versions (DrChrono
# rotates the refresh token on every refresh and the new one must be saved
# each time). Unlike the DRX grants these do not depend on
# allow_runtime_pharmacy_onboarding: they are the only access the functions
# have to the tokens, and they reach nothing but drchrono-tokens-* secrets.
# ---------------------------------------------------------------------------

resource "google_project_iam_member" "drchrono_tokens_accessor" {
  for_each = local.drchrono_token_users

  project = var.project_id
  role    = "roles/secretmanager.secretAccessor"
  member  = local.runtime_member[each.key]

  condition {
    title       = "drchrono-token-secrets-only"
    description = "Only the per-practice DrChrono OAuth token secrets."
    expression  = "resource.name.startsWith(\"projects/${data.google_project.this.number}/secrets/drchrono-tokens-\")"
  }
}

resource "google_project_iam_member" "drchrono_tokens_version_adder" {
  for_each = local.drchrono_token_users

  project = var.project_id
  role    = "roles/secretmanager.secretVersionAdder"
  member  = local.runtime_member[each.key]

  condition {
    title       = "drchrono-token-secrets-only"
    description = "Only the per-practice DrChrono OAuth token secrets."
    expression  = "resource.name.startsWith(\"projects/${data.google_project.this.number}/secrets/drchrono-tokens-\")"
  }
}

# ---------------------------------------------------------------------------
# Secrets shared by several functions. Containers only; values are added by
# the operator (see infra/README.md).
# ---------------------------------------------------------------------------

resource "google_secret_manager_secret" "admin_token" {
  project   = var.project_id
  secret_id = "rxbridge-admin-token"

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_iam_member" "admin_token_accessor" {
  for_each = local.admin_functions

  project   = var.project_id
  secret_id = google_secret_manager_secret.admin_token.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.key]
}

# The one DrChrono API application's client credentials, JSON
# {"client_id","client_secret"}; every practice's tokens are refreshed with it.
# The operator adds the value, or POST /practices writes it.
resource "google_secret_manager_secret" "drchrono_oauth_client" {
  project   = var.project_id
  secret_id = "drchrono-oauth-client"

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_iam_member" "drchrono_oauth_client_accessor" {
  for_each = local.drchrono_token_users

  project   = var.project_id
  secret_id = google_secret_manager_secret.drchrono_oauth_client.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.key]
}

resource "google_secret_manager_secret_iam_member" "drchrono_oauth_client_version_adder" {
  project   = var.project_id
  secret_id = google_secret_manager_secret.drchrono_oauth_client.secret_id
  role      = "roles/secretmanager.secretVersionAdder"
  member    = local.runtime_member["practices"]
}

# The "Secret token" set on the DrChrono API application: DrChrono signs each
# delivery with it (X-drchrono-signature), and the verification handshake
# is answered with an HMAC keyed by it.
resource "google_secret_manager_secret" "drchrono_webhook_secret" {
  project   = var.project_id
  secret_id = "drchrono-webhook-secret"

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_iam_member" "drchrono_webhook_secret_accessor" {
  project   = var.project_id
  secret_id = google_secret_manager_secret.drchrono_webhook_secret.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member["drchrono-webhook"]
}

# The secret Deep Cura sends in x-deepcura-secret; it also keys the gridhook
# encryption (DEEPCURA_KEY_DERIVATION).
resource "google_secret_manager_secret" "deepcura_shared_secret" {
  project   = var.project_id
  secret_id = "deepcura-shared-secret"

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_iam_member" "deepcura_shared_secret_accessor" {
  for_each = local.deepcura_secret_readers

  project   = var.project_id
  secret_id = google_secret_manager_secret.deepcura_shared_secret.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = local.runtime_member[each.key]
}

# ---------------------------------------------------------------------------
# Database, events, functions
# ---------------------------------------------------------------------------

module "database" {
  source = "../../modules/database"

  project_id        = var.project_id
  region            = var.region
  tier              = var.database_tier
  availability_type = var.database_availability_type
  private_network   = var.private_network
  database_flags = {
    max_connections = tostring(var.database_max_connections)
  }

  database_url_accessors = values(local.runtime_member)

  depends_on = [google_project_service.enabled]
}

module "events" {
  source = "../../modules/events"

  project_id         = var.project_id
  project_number     = tostring(data.google_project.this.number)
  publisher_members  = [local.runtime_member["outbox-relay"]]
  subscriber_members = var.change_event_subscriber_members

  depends_on = [google_project_service.enabled]
}

module "function" {
  source   = "../../modules/function"
  for_each = local.functions

  project_id  = var.project_id
  region      = var.region
  name        = each.key
  description = each.value.description
  entry_point = each.value.entry_point

  source_bucket         = var.source_bucket
  source_object         = var.source_object
  function_source       = var.function_source_pattern == null ? null : format(var.function_source_pattern, each.key)
  build_service_account = google_service_account.build.id

  service_account_email = local.runtime_email[each.key]
  environment_variables = merge(
    local.common_env,
    {
      ID_TOKEN_AUDIENCE = "${local.function_base_url}/${each.key}"
      ADMIN_PRINCIPALS  = local.admin_principals_env[each.key]
    },
    contains(local.clinic_functions, each.key) ? local.clinic_env : {},
  )
  secret_environment_variables = merge(
    local.database_secret_env,
    contains(local.admin_functions, each.key) ? local.admin_secret_env : {},
  )

  invoker_members    = local.invokers[each.key]
  timeout_seconds    = each.value.timeout
  available_memory   = each.value.memory
  max_instance_count = lookup(var.function_max_instances, each.key, each.value.max_instances)
  vpc_connector      = var.vpc_connector

  # The platform checks at deploy time that the runtime account can read the
  # secret env vars, and the build account must be able to build.
  depends_on = [
    module.database,
    google_secret_manager_secret_iam_member.admin_token_accessor,
    google_project_iam_member.build_builder,
    google_project_iam_member.cloudsql_client,
    google_project_iam_member.runtime_api_key_reader,
    google_project_iam_member.runtime_webhook_secret_reader,
  ]
}

# Every instance holds up to database_pool_max connections and serves one
# request at a time, so the sum of max instances bounds the connections the
# functions can open. Warn at plan time when that leaves too little room.
check "database_connections" {
  assert {
    condition = (
      sum([for name, f in local.functions : lookup(var.function_max_instances, name, f.max_instances)]) * var.database_pool_max
      <= var.database_max_connections - 20
    )
    error_message = "Sum of function max instances × database_pool_max leaves fewer than 20 of database_max_connections for migrations and analysts: lower function_max_instances or raise database_max_connections."
  }
}

# ---------------------------------------------------------------------------
# Pharmacies: secret containers and Scheduler jobs, one module per pharmacy.
# ---------------------------------------------------------------------------

module "pharmacy" {
  source   = "../../modules/pharmacy"
  for_each = var.pharmacies

  project_id            = var.project_id
  region                = var.region
  pharmacy_id           = each.key
  display_name          = each.value.name
  enabled               = each.value.enabled
  sync_interval_minutes = each.value.sync_interval_minutes
  reconcile_cron        = var.reconcile_cron
  time_zone             = var.time_zone

  drx_sync_url                    = module.function["drx-sync"].url
  scheduler_service_account_email = google_service_account.scheduler.email

  api_key_accessors        = [for f in local.api_key_readers : local.runtime_member[f]]
  webhook_secret_accessors = [for f in local.webhook_secret_readers : local.runtime_member[f]]
  secret_writers           = [local.runtime_member["pharmacies"]]
}

# ---------------------------------------------------------------------------
# Scheduler jobs that are not per pharmacy. Each calls its function's URL with
# an OIDC token for the Scheduler identity, audience = that same URL.
# ---------------------------------------------------------------------------

resource "google_cloud_scheduler_job" "outbox_relay" {
  project          = var.project_id
  region           = var.region
  name             = "outbox-relay"
  description      = "Relays committed outbox rows to ${module.events.topic_name} every minute."
  schedule         = "* * * * *"
  time_zone        = var.time_zone
  attempt_deadline = "180s"

  # The next run a minute later picks up whatever this one left.
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = module.function["outbox-relay"].url
    body        = base64encode("{}")
    headers = {
      "Content-Type" = "application/json"
    }

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = module.function["outbox-relay"].url
    }
  }
}

# DRX sweep: drx-sync with {} syncs every enabled pharmacy that is due (its
# own sync_interval_minutes; a full pass when its last one is older than
# RECONCILE_INTERVAL_HOURS). A pharmacy onboarded at runtime (POST /pharmacies)
# has no drx-sync-<id> job (the application creates no Scheduler jobs), so
# this sweep is what syncs it. Declared pharmacies are swept too, but their own
# jobs keep them from being due, and the sync lease makes any overlap a skip.
# The job is named so that no drx-sync-<id> / drx-reconcile-<id> can clash.
resource "google_cloud_scheduler_job" "drx_due_pharmacies" {
  project          = var.project_id
  region           = var.region
  name             = "drx-due-pharmacies"
  description      = "DRX sync of every due pharmacy (including those onboarded at runtime), every ${var.default_sync_interval_minutes} min."
  schedule         = local.drx_sweep_schedule
  time_zone        = var.time_zone
  attempt_deadline = "1800s"

  # A missed sweep is picked up by the next tick: due pharmacies stay due.
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = module.function["drx-sync"].url
    body        = base64encode("{}")
    headers = {
      "Content-Type" = "application/json"
    }

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = module.function["drx-sync"].url
    }
  }
}

# DrChrono reconciliation sweep: the function syncs every connected practice
# that is due (DRCHRONO_SYNC_INTERVAL_MINUTES, the same variable), so practices
# connected at runtime need no job of their own.
resource "google_cloud_scheduler_job" "drchrono_sync" {
  project          = var.project_id
  region           = var.region
  name             = "drchrono-sync"
  description      = "DrChrono reconciliation of every due practice, every ${var.drchrono_sync_interval_minutes} min."
  schedule         = local.drchrono_sync_schedule
  time_zone        = var.time_zone
  attempt_deadline = "1800s"

  # Streams resume from their cursors (and a spent request budget resumes
  # next hour), so a missed run is picked up by the next tick.
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = module.function["drchrono-sync"].url
    body        = base64encode("{}")
    headers = {
      "Content-Type" = "application/json"
    }

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = module.function["drchrono-sync"].url
    }
  }
}

resource "google_cloud_scheduler_job" "retry_worker" {
  project          = var.project_id
  region           = var.region
  name             = "retry-worker"
  description      = "Drains due retry-queue items (DRX, DrChrono and Deep Cura deliveries) every minute."
  schedule         = "* * * * *"
  time_zone        = var.time_zone
  attempt_deadline = "330s"

  # Due items stay due: the next run a minute later takes them.
  retry_config {
    retry_count = 0
  }

  http_target {
    http_method = "POST"
    uri         = module.function["retry-worker"].url
    body        = base64encode("{}")
    headers = {
      "Content-Type" = "application/json"
    }

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = module.function["retry-worker"].url
    }
  }
}

resource "google_cloud_scheduler_job" "maintenance_cleanup" {
  project          = var.project_id
  region           = var.region
  name             = "maintenance-cleanup"
  description      = "Deletes raw webhook bodies and payloads older than ${var.retention_days_raw_webhooks} days."
  schedule         = var.maintenance_cleanup_cron
  time_zone        = var.time_zone
  attempt_deadline = "960s"

  # Deleting what is past retention is idempotent, so a failed run may retry.
  retry_config {
    retry_count          = 2
    min_backoff_duration = "60s"
    max_backoff_duration = "600s"
  }

  http_target {
    http_method = "POST"
    uri         = module.function["maintenance-cleanup"].url
    body        = base64encode("{}")
    headers = {
      "Content-Type" = "application/json"
    }

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = module.function["maintenance-cleanup"].url
    }
  }
}
