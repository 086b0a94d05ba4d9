//! Directory policy models (Active Directory, PSOs, OpenLDAP ppolicy) and how each folds into a policy.

pub(crate) mod ad;
pub(crate) mod ldap_value;
pub(crate) mod ppolicy;
pub(crate) mod pso;
