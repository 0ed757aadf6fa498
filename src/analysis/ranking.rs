//! Ranks by growth, descending, ties sharing a rank (1, 2, 2, 4).

/// Competition ranks for `values`, in their order.
pub fn rank_desc(values: &[f64]) -> Vec<u32> {
    values
        .iter()
        .map(|v| 1 + values.iter().filter(|o| *o > v).count() as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ties_share_a_rank() {
        assert_eq!(super::rank_desc(&[5.0, 8.1, 5.0, 3.2]), vec![2, 1, 2, 4]);
    }
}
