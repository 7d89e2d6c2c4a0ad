//! Triangles for the map: dots, discs, rings, diamonds and lines with vertex colours, gathered
//! into one mesh per layer and rebuilt every frame.

use super::palette::Rgba;
use bevy::math::Vec2;

/// Vertex and index buffers of one layer.
#[derive(Default, Debug)]
pub struct Shapes {
    pub positions: Vec<[f32; 3]>,
    pub colors: Vec<[f32; 4]>,
    pub indices: Vec<u32>,
}

/// sRGB byte colour to linear float RGBA (the mesh colour attribute is linear).
pub fn linear(c: Rgba) -> [f32; 4] {
    let f = |v: u8| {
        let s = v as f32 / 255.0;
        if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    [f(c[0]), f(c[1]), f(c[2]), c[3] as f32 / 255.0]
}

impl Shapes {
    pub fn clear(&mut self) {
        self.positions.clear();
        self.colors.clear();
        self.indices.clear();
    }

    fn vertex(&mut self, p: Vec2, color: [f32; 4]) -> u32 {
        self.positions.push([p.x, p.y, 0.0]);
        self.colors.push(color);
        (self.positions.len() - 1) as u32
    }

    fn quad_points(&mut self, p: [Vec2; 4], color: [f32; 4]) {
        let i = self.vertex(p[0], color);
        for q in &p[1..] {
            self.vertex(*q, color);
        }
        self.indices.extend_from_slice(&[i, i + 1, i + 2, i, i + 2, i + 3]);
    }

    /// A small mark: one triangle about `2 × half` across. (Customers' dots are not drawn as
    /// shapes but rasterised into an image: see `dots.rs`.)
    pub fn dot(&mut self, c: Vec2, half: f32, color: Rgba) {
        let corners =
            [Vec2::new(0.0, 1.6 * half), Vec2::new(-1.4 * half, -0.8 * half), Vec2::new(1.4 * half, -0.8 * half)];
        self.triangle(corners.map(|p| c + p), color);
    }

    /// A filled triangle.
    pub fn triangle(&mut self, p: [Vec2; 3], color: Rgba) {
        let colour = linear(color);
        let i = self.vertex(p[0], colour);
        self.vertex(p[1], colour);
        self.vertex(p[2], colour);
        self.indices.extend_from_slice(&[i, i + 1, i + 2]);
    }

    /// A diamond (a square on its point).
    pub fn diamond(&mut self, c: Vec2, r: f32, color: Rgba) {
        self.quad_points(
            [c + Vec2::new(0.0, -r), c + Vec2::new(r, 0.0), c + Vec2::new(0.0, r), c + Vec2::new(-r, 0.0)],
            linear(color),
        );
    }

    /// A filled disc.
    pub fn disc(&mut self, c: Vec2, r: f32, color: Rgba) {
        let segments = ((r * 1.2) as u32).clamp(12, 64);
        let col = linear(color);
        let centre = self.vertex(c, col);
        for k in 0..segments {
            let a = k as f32 / segments as f32 * std::f32::consts::TAU;
            self.vertex(c + r * Vec2::new(a.cos(), a.sin()), col);
        }
        for k in 0..segments {
            self.indices.extend_from_slice(&[centre, centre + 1 + k, centre + 1 + (k + 1) % segments]);
        }
    }

    /// A ring of `width` around a circle of radius `r`.
    pub fn ring(&mut self, c: Vec2, r: f32, width: f32, color: Rgba) {
        let segments = ((r * 1.2) as u32).clamp(16, 96);
        let col = linear(color);
        let first = self.positions.len() as u32;
        for k in 0..segments {
            let a = k as f32 / segments as f32 * std::f32::consts::TAU;
            let dir = Vec2::new(a.cos(), a.sin());
            self.vertex(c + dir * (r - width * 0.5), col);
            self.vertex(c + dir * (r + width * 0.5), col);
        }
        for k in 0..segments {
            let (i, j) = (first + 2 * k, first + 2 * ((k + 1) % segments));
            self.indices.extend_from_slice(&[i, i + 1, j + 1, i, j + 1, j]);
        }
    }

    /// A straight line of `width`.
    pub fn line(&mut self, a: Vec2, b: Vec2, width: f32, color: Rgba) {
        let n = (b - a).perp().normalize_or_zero() * (width * 0.5);
        self.quad_points([a - n, b - n, b + n, a + n], linear(color));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_points_at_a_vertex_and_colours_match_positions() {
        let mut s = Shapes::default();
        s.dot(Vec2::ZERO, 1.0, [1, 2, 3, 255]);
        s.disc(Vec2::ONE, 20.0, [1, 2, 3, 255]);
        s.ring(Vec2::ONE, 30.0, 2.0, [1, 2, 3, 255]);
        s.line(Vec2::ZERO, Vec2::X, 1.0, [1, 2, 3, 255]);
        s.diamond(Vec2::ZERO, 3.0, [1, 2, 3, 255]);
        s.triangle([Vec2::ZERO, Vec2::X, Vec2::Y], [1, 2, 3, 255]);
        assert_eq!(s.positions.len(), s.colors.len());
        assert_eq!(s.indices.len() % 3, 0);
        assert!(s.indices.iter().all(|&i| (i as usize) < s.positions.len()));
    }
}
