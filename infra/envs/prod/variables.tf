variable "project_id" {
  description = "Google Cloud project id for rxbridge production."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be 6-30 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "region" {
  description = "Region for functions, Scheduler jobs and the database."
  type        = string
  default     = "us-central1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a region name such as us-central1."
  }
}

variable "pharmacies" {
  description = <<-EOT
    Pharmacies managed by Terraform, keyed by pharmacy id. Each gets the secret
    containers drx-api-key-<id> and drx-webhook-secret-<id> and the Scheduler
    jobs drx-sync-<id> and drx-reconcile-<id>. enabled = false pauses the jobs
    (the drx-due-pharmacies sweep follows the database's enabled flag instead).
    sync_interval_minutes must be 1-59 or a whole number of hours (cron).
    drx_base_url is not deployed anywhere: it is reported in the
    pharmacy_onboarding output for the POST /pharmacies call.
  EOT
  type = map(object({
    name                  = string
    enabled               = optional(bool, true)
    sync_interval_minutes = optional(number, 15)
    drx_base_url          = optional(string)
  }))
  default = {}

  validation {
    condition     = alltrue([for id in keys(var.pharmacies) : can(regex("^[a-z0-9][a-z0-9_-]{0,62}$", id))])
    error_message = "Each pharmacy id (map key) must match ^[a-z0-9][a-z0-9_-]{0,62}$."
  }

  validation {
    condition = alltrue([
      for p in values(var.pharmacies) :
      floor(p.sync_interval_minutes) == p.sync_interval_minutes && p.sync_interval_minutes >= 1 && p.sync_interval_minutes <= 1440
    ])
    error_message = "sync_interval_minutes must be a whole number between 1 and 1440."
  }

  validation {
    condition     = alltrue([for p in values(var.pharmacies) : p.sync_interval_minutes < 60 || p.sync_interval_minutes % 60 == 0])
    error_message = "sync_interval_minutes of 60 or more must be a whole number of hours (60, 120, …, 1440) so that it fits a cron schedule."
  }

  validation {
    condition     = alltrue([for p in values(var.pharmacies) : length(trimspace(p.name)) > 0 && length(p.name) <= 200])
    error_message = "Each pharmacy needs a name of 1 to 200 characters."
  }

  validation {
    condition     = alltrue([for p in values(var.pharmacies) : p.drx_base_url == null || can(regex("^https://[^\\s/]+", p.drx_base_url))])
    error_message = "drx_base_url must be an https URL when set."
  }
}

variable "admin_principals" {
  description = "Emails of people or service accounts allowed to call the admin functions (sync-now, pharmacies, practices, drchrono-sync, deepcura-notes, dead-letters, and the scheduled retry-worker and maintenance-cleanup). They get run.invoker on those and are passed to every function as ADMIN_PRINCIPALS (the scheduled functions also get the Scheduler identity there)."
  type        = list(string)

  validation {
    condition     = length(var.admin_principals) > 0 && alltrue([for e in var.admin_principals : can(regex("^[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+$", e))])
    error_message = "admin_principals must be a non-empty list of email addresses (no prefixes such as user:)."
  }
}

variable "crm_invoker_members" {
  description = "IAM members allowed to open the live-updates stream (e.g. serviceAccount:crm-backend@….iam.gserviceaccount.com)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for m in var.crm_invoker_members : can(regex("^(user|serviceAccount|group|domain):[^\\s]+$", m))])
    error_message = "Each crm_invoker_members entry must be an IAM member: user:, serviceAccount:, group: or domain:. allUsers is not allowed for the CRM stream."
  }
}

variable "change_event_subscriber_members" {
  description = "IAM members allowed to pull the change-event subscription (CRM back end, analysts)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for m in var.change_event_subscriber_members : can(regex("^(user|serviceAccount|group|domain):[^\\s]+$", m))])
    error_message = "Each change_event_subscriber_members entry must be an IAM member: user:, serviceAccount:, group: or domain:."
  }
}

variable "source_bucket" {
  description = "Bucket Cloud Build uploads the zipped source to (name only, no gs://)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$", var.source_bucket))
    error_message = "source_bucket must be a bucket name without the gs:// prefix."
  }
}

variable "source_object" {
  description = "Zip object in source_bucket for this deployment; Cloud Build passes a new name per build (rxbridge/<BUILD_ID>.zip), which redeploys every function."
  type        = string

  validation {
    condition     = endswith(var.source_object, ".zip") && !startswith(var.source_object, "/")
    error_message = "source_object must be a relative object name ending in .zip."
  }
}

variable "function_source_pattern" {
  description = "Format string giving each function's compiled module (FUNCTION_SOURCE), %s = function name. The default \"dist/functions/%s/index.js\" makes each function's instances load only their own module (small cold starts); package.json \"main\" must still exist for the buildpack. Null loads \"main\" everywhere, which must then register every function."
  type        = string
  default     = "dist/functions/%s/index.js"

  validation {
    condition     = var.function_source_pattern == null || (strcontains(coalesce(var.function_source_pattern, "-"), "%s") && endswith(coalesce(var.function_source_pattern, "-"), ".js"))
    error_message = "function_source_pattern must contain %s and end in .js."
  }
}

variable "function_max_instances" {
  description = "Overrides of max instances per function name. Every instance holds its own database pool: keep the sum × pool size below the database's max_connections."
  type        = map(number)
  default     = {}

  validation {
    condition = alltrue([
      for k, v in var.function_max_instances : contains([
        "drx-sync", "sync-now", "pharmacies", "drx-webhook", "live-updates", "outbox-relay",
        "drchrono-webhook", "deepcura-webhook", "deepcura-notes", "practices", "drchrono-sync",
        "retry-worker", "dead-letters", "maintenance-cleanup",
      ], k) && v >= 1 && v <= 1000
    ])
    error_message = "Keys must be function names (drx-sync, sync-now, pharmacies, drx-webhook, live-updates, outbox-relay, drchrono-webhook, deepcura-webhook, deepcura-notes, practices, drchrono-sync, retry-worker, dead-letters, maintenance-cleanup) and values 1-1000."
  }
}

variable "default_sync_interval_minutes" {
  description = "SYNC_INTERVAL_MINUTES for the functions (the interval a pharmacy onboarded at runtime gets) and how often the drx-due-pharmacies job sweeps every due pharmacy, which is what syncs pharmacies onboarded at runtime."
  type        = number
  default     = 15

  validation {
    condition = (
      floor(var.default_sync_interval_minutes) == var.default_sync_interval_minutes &&
      var.default_sync_interval_minutes >= 1 && var.default_sync_interval_minutes <= 1440 &&
      (var.default_sync_interval_minutes < 60 || var.default_sync_interval_minutes % 60 == 0)
    )
    error_message = "default_sync_interval_minutes must be 1-59 or a whole number of hours up to 1440."
  }
}

variable "reconcile_cron" {
  description = "unix-cron schedule of each pharmacy's full reconciliation."
  type        = string
  default     = "0 3 * * *"

  validation {
    condition     = length(split(" ", trimspace(var.reconcile_cron))) == 5
    error_message = "reconcile_cron must be a five-field unix-cron expression such as \"0 3 * * *\"."
  }
}

variable "time_zone" {
  description = "tz database time zone the Scheduler cron expressions are interpreted in."
  type        = string
  default     = "Etc/UTC"

  validation {
    condition     = can(regex("^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$", var.time_zone))
    error_message = "time_zone must be a tz database name such as Etc/UTC or America/New_York."
  }
}

variable "allow_runtime_pharmacy_onboarding" {
  # The name predates DrChrono practices; kept so existing tfvars keep working.
  description = "Runtime onboarding: let POST /pharmacies onboard pharmacies not declared in var.pharmacies, and POST /practices connect DrChrono practices (creating their drchrono-tokens-<id> secrets). Grants the pharmacies and practices functions project-wide roles/secretmanager.admin (they must create new secret containers) and gives the DRX sync and webhook functions read access to every drx-api-key-* / drx-webhook-secret-* secret. Turn off once every pharmacy is declared here and no practice is being connected; connected practices keep working (their token grants do not depend on this flag)."
  type        = bool
  default     = true
}

variable "drx_default_base_url" {
  description = "DRX_BASE_URL for the functions: the DRX API base used when a pharmacy has none of its own. Null keeps the application's default (which points at DRX staging), so set it in production."
  type        = string
  default     = null

  validation {
    condition     = var.drx_default_base_url == null || can(regex("^https://[^\\s/]+", coalesce(var.drx_default_base_url, "-")))
    error_message = "drx_default_base_url must be an https URL."
  }
}

variable "database_tier" {
  description = "Cloud SQL machine tier."
  type        = string
  default     = "db-custom-2-7680"
}

variable "database_max_connections" {
  description = "PostgreSQL max_connections. Must exceed the sum over functions of max instances × database_pool_max, plus room for migrations and analysts."
  type        = number
  default     = 400

  validation {
    condition     = var.database_max_connections >= 50 && var.database_max_connections <= 10000
    error_message = "database_max_connections must be between 50 and 10000."
  }
}

variable "database_pool_max" {
  description = "DATABASE_POOL_MAX per function instance. Instances serve one request at a time; live-updates also holds a LISTEN connection."
  type        = number
  default     = 3

  validation {
    condition     = var.database_pool_max >= 2 && var.database_pool_max <= 20 && floor(var.database_pool_max) == var.database_pool_max
    error_message = "database_pool_max must be a whole number between 2 and 20."
  }
}

variable "database_availability_type" {
  description = "REGIONAL (automatic failover) or ZONAL."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "ZONAL"], var.database_availability_type)
    error_message = "database_availability_type must be REGIONAL or ZONAL."
  }
}

variable "private_network" {
  description = "Self link of an existing VPC with Private Services Access. Set it to give the database only a private IP (recommended); then vpc_connector is required."
  type        = string
  default     = null
}

variable "vpc_connector" {
  description = "Existing Serverless VPC Access connector (projects/<p>/locations/<region>/connectors/<name>) the functions use to reach a private-IP database."
  type        = string
  default     = null

  validation {
    condition     = var.vpc_connector == null || can(regex("^projects/[^/]+/locations/[^/]+/connectors/[^/]+$", var.vpc_connector))
    error_message = "vpc_connector must look like projects/<p>/locations/<region>/connectors/<name>."
  }

  validation {
    condition     = var.private_network == null || var.vpc_connector != null
    error_message = "With private_network set the database has no public IP, so the functions need vpc_connector to reach it."
  }
}

variable "drchrono_base_url" {
  description = "DRCHRONO_BASE_URL for the clinic functions: DrChrono's API and OAuth host."
  type        = string
  default     = "https://app.drchrono.com"

  validation {
    condition     = can(regex("^https://[^\\s/]+", var.drchrono_base_url))
    error_message = "drchrono_base_url must be an https URL."
  }
}

variable "drchrono_sync_interval_minutes" {
  description = "Minutes between DrChrono reconciliation sweeps (the drchrono-sync job) and DRCHRONO_SYNC_INTERVAL_MINUTES, after which a practice counts as due. 5-59, or a whole number of hours up to 1440, so that it fits a cron schedule."
  type        = number
  default     = 60

  validation {
    condition = (
      floor(var.drchrono_sync_interval_minutes) == var.drchrono_sync_interval_minutes &&
      var.drchrono_sync_interval_minutes >= 5 && var.drchrono_sync_interval_minutes <= 1440 &&
      (var.drchrono_sync_interval_minutes < 60 || var.drchrono_sync_interval_minutes % 60 == 0)
    )
    error_message = "drchrono_sync_interval_minutes must be a whole number from 5 to 59, or a multiple of 60 up to 1440."
  }
}

variable "retention_days_raw_webhooks" {
  description = "RETENTION_DAYS_RAW_WEBHOOKS: days raw webhook and gridhook bodies are kept before maintenance-cleanup deletes them."
  type        = number
  default     = 30

  validation {
    condition     = floor(var.retention_days_raw_webhooks) == var.retention_days_raw_webhooks && var.retention_days_raw_webhooks >= 1 && var.retention_days_raw_webhooks <= 3650
    error_message = "retention_days_raw_webhooks must be a whole number between 1 and 3650."
  }
}

variable "maintenance_cleanup_cron" {
  description = "unix-cron schedule of the maintenance-cleanup job (daily by default)."
  type        = string
  default     = "30 4 * * *"

  validation {
    condition     = length(split(" ", trimspace(var.maintenance_cleanup_cron))) == 5
    error_message = "maintenance_cleanup_cron must be a five-field unix-cron expression such as \"30 4 * * *\"."
  }
}

# Deep Cura publishes nothing about its gridhook encryption, so key
# derivation, IV placement and encoding stay configurable until it confirms
# them (see the DrChrono / Deep Cura contract).
variable "deepcura_key_derivation" {
  description = "DEEPCURA_KEY_DERIVATION: how the AES-256 key comes from the shared secret: scrypt, sha256, raw-hex or raw-base64."
  type        = string
  default     = "scrypt"

  validation {
    condition     = contains(["scrypt", "sha256", "raw-hex", "raw-base64"], var.deepcura_key_derivation)
    error_message = "deepcura_key_derivation must be scrypt, sha256, raw-hex or raw-base64."
  }
}

variable "deepcura_scrypt_salt" {
  description = "DEEPCURA_SCRYPT_SALT for scrypt key derivation. Null keeps the application's default."
  type        = string
  default     = null

  validation {
    condition     = try(length(var.deepcura_scrypt_salt) > 0, var.deepcura_scrypt_salt == null)
    error_message = "deepcura_scrypt_salt must not be empty when set."
  }
}

variable "deepcura_iv" {
  description = "DEEPCURA_IV: prefix (the first 16 bytes of the ciphertext) or zero (all-zero IV)."
  type        = string
  default     = "prefix"

  validation {
    condition     = contains(["prefix", "zero"], var.deepcura_iv)
    error_message = "deepcura_iv must be prefix or zero."
  }
}

variable "deepcura_encoding" {
  description = "DEEPCURA_ENCODING of the encrypted payload: base64 or hex."
  type        = string
  default     = "base64"

  validation {
    condition     = contains(["base64", "hex"], var.deepcura_encoding)
    error_message = "deepcura_encoding must be base64 or hex."
  }
}
