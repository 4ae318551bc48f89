output "topic_name" {
  description = "Change-event topic name."
  value       = google_pubsub_topic.changes.name
}

output "topic_id" {
  description = "Change-event topic id (projects/<p>/topics/<name>)."
  value       = google_pubsub_topic.changes.id
}

output "dead_letter_topic_name" {
  description = "Dead-letter topic name."
  value       = google_pubsub_topic.dead_letter.name
}

output "subscription_name" {
  description = "Pull subscription for the CRM and analysts."
  value       = google_pubsub_subscription.changes.name
}

output "dead_letter_subscription_name" {
  description = "Subscription holding dead-lettered events."
  value       = google_pubsub_subscription.dead_letter.name
}
