//! `cleaner._core`: the PyO3 binding of the engine. Converts types, releases the GIL, maps errors.
#![forbid(unsafe_code)]

use pyo3::prelude::*;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let _ = m;
    Ok(())
}
