//! The customers' dots of one side of the map, rasterised on the CPU into an image the size of
//! the map on screen and drawn as one sprite. A software rasteriser pays for every triangle it
//! sets up, so tens of thousands of 3-pixel dots cost far more as meshes than as pixels.

use super::layout::HALF;
use super::palette::Rgba;
use bevy::asset::RenderAssetUsages;
use bevy::image::ImageSampler;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

/// Largest canvas side, pixels.
const MAX_SIDE: u32 = 2048;

/// A square canvas covering the side's ±HALF world square.
pub struct DotCanvas {
    pub image: Handle<Image>,
    /// Canvas side in pixels.
    pub side: u32,
    pixels: Vec<u8>,
}

impl DotCanvas {
    /// A transparent canvas of `side` pixels, registered as an image asset.
    pub fn new(images: &mut Assets<Image>, side: u32) -> Self {
        let side = side.clamp(16, MAX_SIDE);
        let mut image = Image::new_fill(
            Extent3d { width: side, height: side, depth_or_array_layers: 1 },
            TextureDimension::D2,
            &[0, 0, 0, 0],
            TextureFormat::Rgba8UnormSrgb,
            // The renderer takes the pixels each frame instead of copying them.
            RenderAssetUsages::RENDER_WORLD,
        );
        image.sampler = ImageSampler::nearest();
        DotCanvas { image: images.add(image), side, pixels: vec![0; (side * side * 4) as usize] }
    }

    /// The canvas side that puts one pixel on each screen pixel for `px_per_unit` screen pixels
    /// per world unit.
    pub fn side_for(px_per_unit: f32) -> u32 {
        ((2.0 * HALF * px_per_unit).ceil() as u32).clamp(16, MAX_SIDE)
    }

    /// Start a frame: all pixels transparent (a fresh zeroed buffer after an upload took the last).
    pub fn clear(&mut self) {
        let len = (self.side * self.side * 4) as usize;
        if self.pixels.len() == len {
            self.pixels.fill(0);
        } else {
            self.pixels = vec![0; len];
        }
    }

    /// A filled square dot of half-width `half` (world units) at `pos` (side coordinates),
    /// at least one pixel.
    pub fn dot(&mut self, pos: Vec2, half: f32, colour: Rgba) {
        let scale = self.side as f32 / (2.0 * HALF);
        let r = (half * scale).max(0.5);
        let (cx, cy) = ((pos.x + HALF) * scale, (HALF - pos.y) * scale);
        let n = self.side as i32;
        let x0 = ((cx - r).round() as i32).clamp(0, n);
        let x1 = ((cx + r).round() as i32).clamp(0, n).max(x0 + 1).min(n);
        let y0 = ((cy - r).round() as i32).clamp(0, n);
        let y1 = ((cy + r).round() as i32).clamp(0, n).max(y0 + 1).min(n);
        for y in y0..y1 {
            let row = (y * n) as usize * 4;
            for x in x0..x1 {
                let i = row + x as usize * 4;
                self.pixels[i..i + 4].copy_from_slice(&colour);
            }
        }
    }

    /// Hand this frame's pixels to the image asset, for the renderer to upload.
    pub fn upload(&mut self, images: &mut Assets<Image>) {
        if let Some(mut image) = images.get_mut(&self.image) {
            image.data = Some(std::mem::take(&mut self.pixels));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dot_colours_the_pixels_around_its_place_and_nothing_else() {
        let mut images = Assets::<Image>::default();
        let mut c = DotCanvas::new(&mut images, 100);
        c.dot(Vec2::ZERO, 10.0, [255, 0, 0, 255]);
        let red = |x: usize, y: usize| c.pixels[(y * 100 + x) * 4] == 255;
        assert!(red(50, 50) && red(49, 49));
        assert!(!red(0, 0) && !red(99, 99) && !red(60, 50));
        c.dot(Vec2::new(HALF * 2.0, 0.0), 10.0, [255, 0, 0, 255]);
        assert_eq!(c.pixels.iter().step_by(4).filter(|&&v| v == 255).count(), 4, "off-canvas dots are clipped");
    }
}
