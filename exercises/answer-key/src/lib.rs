//! The teachers' answer key: its tests (`tests/`) run every check on the answers of every
//! exercise folder. No code of its own.
