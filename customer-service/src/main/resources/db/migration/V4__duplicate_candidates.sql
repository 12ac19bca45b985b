-- Duplicate candidates by company email and web domain (phones and USCC are indexed already).
CREATE INDEX customer_email_domain ON customer (split_part(email, '@', 2));
CREATE INDEX customer_website_domain ON customer (regexp_replace(substring(website FROM '^https?://([^/:]+)'), '^www\.', ''));
CREATE INDEX contact_email_domain ON contact (split_part(email, '@', 2));
